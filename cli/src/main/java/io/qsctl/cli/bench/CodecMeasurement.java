package io.qsctl.cli.bench;

import io.qsctl.zstor.codec.ReedSolomon;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Times one Reed-Solomon code on one thread: encode (parity from data) and decode (as many data
 * shards as there are parity shards lost, rebuilt from the rest). Each operation is first run for
 * half the measuring time, and at least a second, so the JIT compiles the kernel (until it does,
 * Vector API code runs interpreted at a few tens of MB/s). It is then measured in five slices whose
 * median is reported: on a shared machine a neighbour's burst spoils a slice, not the result.
 */
public final class CodecMeasurement {

    private static final int SLICES = 5;
    private static final long MIN_WARM_UP_NANOS = 1_000_000_000L;

    private final ReedSolomon codec;
    private final int shardSize;
    private final Duration measure;

    /** @param measure how long to measure each operation (after a warm-up of half as long, at least 1 s) */
    public CodecMeasurement(ReedSolomon codec, int shardSize, Duration measure) {
        this.codec = codec;
        this.shardSize = shardSize;
        this.measure = measure;
    }

    public CodecSpeed run() {
        int data = codec.dataShards();
        byte[][] shards = new byte[codec.totalShards()][shardSize];
        Random random = new Random(20260523);
        for (int i = 0; i < data; i++) {
            random.nextBytes(shards[i]);
        }
        int lost = Math.min(codec.parityShards(), data);
        byte[][] lostOriginals = new byte[lost][];
        for (int i = 0; i < lost; i++) {
            lostOriginals[i] = shards[i].clone();
        }
        boolean[] present = new boolean[codec.totalShards()];
        Arrays.fill(present, lost, present.length, true);
        long dataBytes = (long) data * shardSize;

        Runnable encode = () -> codec.encode(shards, 0, shardSize);
        double encodeMBps = measured(encode, dataBytes);
        OptionalDouble decodeMBps = OptionalDouble.empty();
        if (lost > 0) {
            codec.encode(shards, 0, shardSize);
            Runnable decode = () -> codec.reconstructData(shards, present, 0, shardSize);
            decodeMBps = OptionalDouble.of(measured(decode, dataBytes));
            for (int i = 0; i < lost; i++) {
                // A kernel that computed garbage must not get to report a speed.
                if (!Arrays.equals(shards[i], lostOriginals[i])) {
                    throw new IllegalStateException("the " + codec.kernel().name() + " kernel rebuilt data shard " + i
                            + " wrongly; this is a bug, please report it");
                }
            }
        }
        return new CodecSpeed(data, codec.parityShards(), shardSize, codec.kernel().name(), encodeMBps, decodeMBps,
                lost);
    }

    private double measured(Runnable operation, long bytesPerOperation) {
        long total = measure.toNanos();
        repeatFor(operation, Math.max(total / 2, MIN_WARM_UP_NANOS));
        double[] rates = new double[SLICES];
        for (int s = 0; s < SLICES; s++) {
            long started = System.nanoTime();
            long operations = repeatFor(operation, total / SLICES);
            double seconds = (System.nanoTime() - started) / 1e9;
            rates[s] = operations * bytesPerOperation / seconds / 1e6;
        }
        Arrays.sort(rates);
        return rates[SLICES / 2];
    }

    /** Runs the operation at least once and until {@code nanos} have passed; returns how often it ran. */
    private static long repeatFor(Runnable operation, long nanos) {
        long deadline = System.nanoTime() + nanos;
        long count = 0;
        do {
            operation.run();
            count++;
        } while (System.nanoTime() < deadline);
        return count;
    }
}
