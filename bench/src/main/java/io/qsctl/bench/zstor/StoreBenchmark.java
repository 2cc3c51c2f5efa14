package io.qsctl.bench.zstor;

import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.it.InMemoryMetadata;
import io.qsctl.zstor.it.TestData;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Storing to, and retrieving from, 20 local backends (16+4): 0-db servers (our engine and RESP
 * server) in the benchmark's JVM on loopback, seq-mode namespaces with passwords, data on disk.
 * One op stores (or retrieves) one segment of {@code size} random bytes; MB/s = size / time per op.
 * Client and servers share the machine's cores, as a node running its own backends would.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar StoreBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class StoreBenchmark {

    @Param({"268435456"})
    long size;

    @Param({"2", "4"})
    int stripesInFlight;

    private BenchCluster cluster;
    private ZStore store;
    private final List<String> stored = new ArrayList<>();
    private String toRead;
    private long seed;

    @Setup(Level.Trial)
    public void setUp() {
        cluster = new BenchCluster(20);
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        store = ZStore.open(ZStoreConfig.of(cluster.backends(), 16, 4, key, new InMemoryMetadata())
                .withStripesInFlight(stripesInFlight));
        toRead = store.store(TestData.stream(size, 0, false)).id();
    }

    @TearDown(Level.Iteration)
    public void deleteStored() {
        stored.forEach(store::delete);
        stored.clear();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        cluster.close();
    }

    @Benchmark
    public StoreResult store() {
        try (InputStream in = TestData.stream(size, ++seed, false)) {
            StoreResult result = store.store(in);
            stored.add(result.id());
            return result;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public long retrieve() {
        long[] count = new long[1];
        store.retrieve(toRead, new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        });
        return count[0];
    }
}
