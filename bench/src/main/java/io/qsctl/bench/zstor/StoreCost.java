package io.qsctl.bench.zstor;

import com.sun.management.OperatingSystemMXBean;
import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.codec.ReedSolomon;
import io.qsctl.zstor.it.InMemoryMetadata;
import io.qsctl.zstor.it.TestData;
import io.qsctl.zstor.store.RetrieveResult;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What storing and retrieving cost in CPU, which a busy shared machine does not distort the way it
 * distorts wall-clock speed: stores and retrieves segments over 20 local 0-db servers (in this JVM,
 * so their CPU counts too) and prints, per phase, MB/s of wall time and CPU seconds per GB. On an
 * idle machine with N cores the ceiling is about N / (CPU s per GB) GB/s.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -Xmx2g -cp bench/target/benchmarks.jar io.qsctl.bench.zstor.StoreCost [segments] [MiB each]
 * </pre>
 */
public final class StoreCost {

    private StoreCost() {
    }

    public static void main(String[] args) {
        int segments = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long size = (args.length > 1 ? Long.parseLong(args[1]) : 256) << 20;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        try (BenchCluster cluster = new BenchCluster(20);
                ZStore store = ZStore.open(ZStoreConfig.of(cluster.backends(), 16, 4, key, new InMemoryMetadata()))) {
            System.out.println("kernel " + ReedSolomon.create(16, 4).kernel().name() + ", " + store.config() + ", JDK "
                    + Runtime.version());
            // warm-up: the JIT compiles the hot loops (AES-GCM only gets its intrinsic once compiled)
            for (int i = 0; i < 2; i++) {
                String id = store.store(TestData.stream(size, -1 - i, false)).id();
                store.retrieve(id, OutputStream.nullOutputStream());
                store.delete(id);
            }
            List<String> ids = new ArrayList<>();
            long wall = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            for (int i = 0; i < segments; i++) {
                ids.add(store.store(TestData.stream(size, i, false)).id());
            }
            report("store", segments * size, System.nanoTime() - wall, os.getProcessCpuTime() - cpu);
            wall = System.nanoTime();
            cpu = os.getProcessCpuTime();
            long hedged = 0;
            long rebuilt = 0;
            long stripes = 0;
            for (String id : ids) {
                RetrieveResult result = store.retrieve(id, OutputStream.nullOutputStream());
                hedged += result.hedgedReads();
                rebuilt += result.reconstructedStripes();
                stripes += result.stripes();
            }
            report("retrieve", segments * size, System.nanoTime() - wall, os.getProcessCpuTime() - cpu);
            System.out.printf("retrieve: %d stripes, %d hedged reads, %d stripes rebuilt from parity%n", stripes, hedged,
                    rebuilt);
        }
    }

    private static void report(String phase, long bytes, long wallNanos, long cpuNanos) {
        System.out.printf("%-8s %6d MiB  %6.0f MB/s wall  %5.2f CPU s/GB  (%.1f cores busy)%n", phase, bytes >> 20,
                bytes / 1e6 / (wallNanos / 1e9), cpuNanos / 1e9 / (bytes / 1e9), (double) cpuNanos / wallNanos);
    }
}
