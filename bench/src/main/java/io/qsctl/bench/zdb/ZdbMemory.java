package io.qsctl.bench.zdb;

import io.qsctl.common.FileTrees;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.Namespace;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.format.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Heap the 0-db engine holds per key: opens an engine on disk, creates an empty namespace,
 * measures the live heap, writes N keys through the public API ({@link Namespace#set}, with
 * {@code autoFlush} off and {@link ZdbEngine#flush()} every 10,000 writes, as the server does),
 * and measures the live heap again. "Live heap" is the heap used after {@code System.gc()}
 * repeated until two readings in a row agree within 4 KiB; run it with a fixed heap and a
 * stop-the-world collector so that a full collection really leaves only live objects:
 *
 * <pre>
 * java -Xms2g -Xmx2g -XX:+UseSerialGC -cp bench/target/benchmarks.jar io.qsctl.bench.zdb.ZdbMemory
 *      [--keys 1000000] [--value-size 8] [--dir DIR] [--modes user-seq10,user-random16,seq]
 * </pre>
 *
 * Modes: {@code user-seq10} writes keys {@code key:%010d} (14 bytes), {@code user-random16} 16
 * random bytes, both to a user-mode namespace; {@code seq} appends N values to a sequential-mode
 * namespace (0-db's ids as keys, which the engine finds from a per-file map, so nothing per key).
 */
public final class ZdbMemory {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ZdbMemory() {
    }

    public static void main(String[] args) throws Exception {
        int keys = 1_000_000;
        int valueSize = 8;
        int flushEvery = 10_000;
        Path root = null;
        List<String> modes = List.of("user-seq10", "user-random16", "seq");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--value-size" -> valueSize = Integer.parseInt(args[++i]);
                case "--flush-every" -> flushEvery = Integer.parseInt(args[++i]);
                case "--dir" -> root = Path.of(args[++i]);
                case "--modes" -> modes = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (root == null) {
            root = Path.of("bench", "target");
        }
        Files.createDirectories(root);
        System.out.printf(Locale.ROOT, "# java %s (%s), max heap %d MiB, collectors %s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() >> 20, collectors());
        System.out.printf(Locale.ROOT, "# %d keys per mode, %d-byte values, engine.flush() every %d writes%n",
                keys, valueSize, flushEvery);
        System.out.println("| namespace | keys | key length | heap before | heap after | bytes/key | bytes/key minus key |"
                + " growth at 25 / 50 / 75 % of the keys | data + index files |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (String mode : modes) {
            Path dir = Files.createTempDirectory(root, "zdb-memory-");
            try {
                System.out.println(run(mode, dir, keys, valueSize, flushEvery));
            } finally {
                FileTrees.delete(dir);
            }
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            System.out.printf(Locale.ROOT, "# buffer pool %s at exit: %d buffers, %d bytes (off heap)%n",
                    pool.getName(), pool.getCount(), pool.getMemoryUsed());
        }
    }

    private static String run(String mode, Path dir, int keys, int valueSize, int flushEvery) {
        boolean seq = mode.equals("seq");
        int keyLength = switch (mode) {
            case "user-seq10" -> 14;
            case "user-random16" -> 16;
            case "seq" -> 0;
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        EngineSettings settings = EngineSettings.of(dir.resolve("index"), dir.resolve("data")).withAutoFlush(false);
        try (ZdbEngine engine = ZdbEngine.open(settings)) {
            Namespace ns = engine.createNamespace("memory");
            if (seq) {
                ns.changeMode(Mode.SEQ);
            }
            byte[] key = new byte[Math.max(keyLength, 1)];
            byte[] value = new byte[valueSize];
            SplittableRandom random = new SplittableRandom(42);
            // warm the write path (and load its classes) in another namespace, so that what is
            // measured below is the namespace's growth, not code loading
            Namespace warm = engine.createNamespace("warm");
            if (seq) {
                warm.changeMode(Mode.SEQ);
            }
            for (int i = 0; i < 1000; i++) {
                fillKey(mode, key, i, random);
                warm.set(key, 0, keyLength, value, 0, valueSize, OptionalInt.empty());
            }
            engine.flush();
            long before = liveHeap();
            List<String> steps = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                fillKey(mode, key, i, random);
                value[0] = (byte) i;
                value[valueSize - 1] = (byte) (i >>> 8);
                byte[] stored = ns.set(key, 0, keyLength, value, 0, valueSize, OptionalInt.empty());
                if (stored == null) {
                    throw new IllegalStateException("key " + i + " was not written (duplicate random key?)");
                }
                if ((i + 1) % flushEvery == 0) {
                    engine.flush();
                }
                int done = i + 1;
                if (done < keys && (done == keys / 4 || done == keys / 2 || done == keys / 4 * 3)) {
                    engine.flush();
                    long grown = liveHeap() - before;
                    steps.add(String.format(Locale.ROOT, "%.1f B/key (%.2f MB)", grown / (double) done, grown / 1e6));
                }
            }
            engine.flush();
            long after = liveHeap();
            if (ns.entries() != keys) {
                throw new IllegalStateException("namespace has " + ns.entries() + " entries, expected " + keys);
            }
            checkSample(mode, ns, keys, keyLength, valueSize);
            double perKey = (after - before) / (double) keys;
            long files = sizeOf(dir);
            return String.format(Locale.ROOT, "| %s | %,d | %d | %,d | %,d | %.1f | **%.1f** | %s | %.1f MiB |",
                    seq ? "seq" : "user (" + (mode.equals("user-seq10") ? "key:%010d" : "16 random bytes") + ")",
                    keys, keyLength, before, after, perKey, perKey - keyLength, String.join(" / ", steps),
                    files / 1048576.0);
        }
    }

    private static void fillKey(String mode, byte[] key, int i, SplittableRandom random) {
        switch (mode) {
            case "user-seq10" -> {
                byte[] text = String.format(Locale.ROOT, "key:%010d", i).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, key, 0, 14);
            }
            case "user-random16" -> {
                long a = random.nextLong();
                long b = random.nextLong();
                for (int j = 0; j < 8; j++) {
                    key[j] = (byte) (a >>> (8 * j));
                    key[8 + j] = (byte) (b >>> (8 * j));
                }
            }
            default -> {
                // sequential mode: the server picks the key
            }
        }
    }

    /** Reads back a few keys, so the measurement is of a working index. */
    private static void checkSample(String mode, Namespace ns, int keys, int keyLength, int valueSize) {
        if (!mode.equals("user-seq10")) {
            return;
        }
        for (int i = 0; i < keys; i += keys / 7 + 1) {
            byte[] key = String.format(Locale.ROOT, "key:%010d", i).getBytes(StandardCharsets.US_ASCII);
            byte[] got = ns.get(key).orElseThrow(() -> new IllegalStateException("key lost"));
            if (got.length != valueSize || got[0] != (byte) i) {
                throw new IllegalStateException("wrong value read back");
            }
        }
    }

    /** Heap used after full collections, repeated until it stops moving. */
    static long liveHeap() {
        long previous = -1;
        int stable = 0;
        for (int round = 0; round < 30; round++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (previous >= 0 && Math.abs(used - previous) < 4096) {
                if (++stable == 2) {
                    return used;
                }
            } else {
                stable = 0;
            }
            previous = used;
        }
        return previous;
    }

    private static String collectors() {
        List<String> names = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> names.add(gc.getName()));
        return String.join(", ", names);
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
