package io.qsctl.bench.codec;

import io.qsctl.zstor.codec.GfKernel;
import io.qsctl.zstor.codec.GfKernels;
import io.qsctl.zstor.codec.ReedSolomon;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reed-Solomon encode and decode on one thread, per kernel. Target from issue 5: 16+4 with 1 MiB
 * shards at 2.5 GB/s of data per core or more (stretch 4 GB/s).
 *
 * <ul>
 *   <li>{@code encode}: the parity shards from the data shards.</li>
 *   <li>{@code decode}: the first {@code parityShards} data shards lost and rebuilt from the rest
 *       ({@code reconstructData}); the decoding matrix is cached after the first call, as it is for
 *       a repeated erasure pattern in the store.</li>
 * </ul>
 *
 * The primary score is operations per second, one operation being one call over the whole stripe.
 * The secondary score {@code dataMB} is the same in MB/s (10^6 bytes) of <em>data</em> (data shards
 * only, the convention of Backblaze's benchmark; parity bytes are not counted).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class ReedSolomonBenchmark {

    @Param({"scalar", "vector"})
    public String kernel;

    @Param({"16"})
    public int dataShards;

    @Param({"4"})
    public int parityShards;

    @Param({"1048576"})
    public int shardSize;

    private ReedSolomon codec;
    private byte[][] shards;
    private boolean[] present;

    /** Data megabytes processed, reported by JMH as a rate (MB/s) next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class DataRate {
        public double dataMB;

        @Setup(Level.Iteration)
        public void reset() {
            dataMB = 0;
        }
    }

    @Setup
    public void setUp() {
        GfKernel chosen = switch (kernel) {
            case "scalar" -> GfKernels.scalar();
            case "vector" -> GfKernels.choose("vector");
            default -> throw new IllegalArgumentException("kernel must be scalar or vector, not " + kernel);
        };
        codec = ReedSolomon.create(dataShards, parityShards, chosen);
        shards = new byte[dataShards + parityShards][shardSize];
        Random random = new Random(42);
        for (int i = 0; i < dataShards; i++) {
            random.nextBytes(shards[i]);
        }
        codec.encode(shards, 0, shardSize);
        present = new boolean[dataShards + parityShards];
        Arrays.fill(present, true);
        for (int i = 0; i < Math.min(parityShards, dataShards); i++) {
            present[i] = false;
        }
    }

    @Benchmark
    public byte[][] encode(DataRate rate) {
        codec.encode(shards, 0, shardSize);
        rate.dataMB += (double) dataShards * shardSize / 1e6;
        return shards;
    }

    @Benchmark
    public byte[][] decode(DataRate rate) {
        codec.reconstructData(shards, present, 0, shardSize);
        rate.dataMB += (double) dataShards * shardSize / 1e6;
        return shards;
    }
}
