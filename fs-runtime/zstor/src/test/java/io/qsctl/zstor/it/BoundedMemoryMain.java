package io.qsctl.zstor.it;

import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.store.RetrieveResult;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link BoundedMemoryIT} with a small heap: stores one segment of the
 * given size through the backends listed in a file, reads it back, and prints one line with the
 * outcome, speeds and the heap's peak.
 *
 * <p>Arguments: backends file (tab-separated name, endpoint, namespace, password, farm, country),
 * size in bytes, seed.
 */
public final class BoundedMemoryMain {

    private BoundedMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Backend> backends = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.split("\t");
            backends.add(new Backend(f[0], f[1], f[2], f[3], Map.of(Backend.FARM, f[4], Backend.COUNTRY, f[5])));
        }
        long size = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (ZStore store = ZStore.open(ZStoreConfig.of(backends, 16, 4, key, new InMemoryMetadata()))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            StoreResult stored;
            try (InputStream in = new DigestInputStream(TestData.stream(size, seed, false), digest)) {
                stored = store.store(in);
            }
            double storeSeconds = (System.nanoTime() - start) / 1e9;
            String written = HexFormat.of().formatHex(digest.digest());
            TestData.Sink sink = new TestData.Sink();
            start = System.nanoTime();
            RetrieveResult read = store.retrieve(stored.id(), sink);
            double readSeconds = (System.nanoTime() - start) / 1e9;
            boolean same = sink.count() == size && sink.sha256().equals(written) && read.size() == size;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("RESULT %s size=%d stripes=%d store=%.0fMB/s retrieve=%.0fMB/s maxHeap=%dMiB peakHeapPools=%dMiB%n",
                    same ? "identical" : "DIFFERENT", size, stored.stripes(), size / 1e6 / storeSeconds,
                    size / 1e6 / readSeconds, Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
            System.exit(same ? 0 : 1);
        }
    }
}
