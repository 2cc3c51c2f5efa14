package io.qsctl.testing;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seeded random cases for property tests, shared by every module's tests (the {@code testing}
 * module is a test-scoped dependency only; nothing ships it).
 *
 * <p>A test run draws one seed, or takes it from {@code -Dqsctl.test.seed=N}. Case {@code i} of a
 * property gets its own {@link Random}, made from that seed, the property's name and {@code i}, so
 * a failure names the seed and the case, and running again with that seed replays exactly the same
 * cases. The generators mix edge values (the bounds, their neighbours, zero, small values) in with
 * uniform ones, so the extremes are tried in every run, not only when chance picks them.
 */
public final class RandomCases {

    /** The system property that fixes the seed (Maven passes {@code -D} options on to the tests). */
    public static final String SEED_PROPERTY = "qsctl.test.seed";

    private static final long SEED = initialSeed();

    private RandomCases() {
    }

    /** The body of one case: {@code random} is the case's own, {@code index} runs from 0. */
    @FunctionalInterface
    public interface Case {
        void check(Random random, int index) throws Exception;
    }

    /** This run's seed. */
    public static long seed() {
        return SEED;
    }

    /**
     * Runs cases {@code 0 .. cases-1} of {@code property}. Whatever a case throws (a failed
     * assertion or anything else) is rethrown as an {@link AssertionError} whose message starts with
     * the seed and the case number, with the original as its cause.
     */
    public static void check(String property, int cases, Case body) {
        for (int i = 0; i < cases; i++) {
            Random random = new Random(caseSeed(SEED, property, i));
            try {
                body.check(random, i);
            } catch (Throwable failure) {
                throw new AssertionError(String.format(Locale.ROOT,
                        "seed %d, case %d of %d of %s failed (run again with -D%s=%d): %s",
                        SEED, i, cases, property, SEED_PROPERTY, SEED, failure), failure);
            }
        }
    }

    /** The seed of one case's {@link Random}. */
    static long caseSeed(long seed, String property, int index) {
        long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
        h = mix64(h + property.hashCode());
        return mix64(h + index * 0xBF58476D1CE4E5B9L);
    }

    /**
     * An int in {@code [min, max]}: one time in eight a bound, a bound's neighbour, 0, 1 or -1 (when
     * in range); one in eight a small value (within 255 of 0, or of {@code min} when 0 is out of
     * range); else uniform.
     */
    public static int between(Random random, int min, int max) {
        return (int) between(random, (long) min, (long) max);
    }

    /** A long in {@code [min, max]}, biased like {@link #between(Random, int, int)}. */
    public static long between(Random random, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        switch (random.nextInt(8)) {
            case 0 -> {
                long[] edges = {min, max, min + 1, max - 1, 0, 1, -1};
                long edge = edges[random.nextInt(edges.length)];
                if (edge >= min && edge <= max) {
                    return edge;
                }
                return min;
            }
            case 1 -> {
                // a small value: near 0 when 0 is in range, else near min
                if (min <= 0 && 0 <= max) {
                    return Math.max(min, Math.min(max, random.nextInt(-255, 256)));
                }
                // min and max have the same sign here, so max - min does not overflow
                return min + random.nextInt((int) Math.min(max - min, 255) + 1);
            }
            default -> {
                if (max < Long.MAX_VALUE) {
                    return random.nextLong(min, max + 1);
                }
                if (min > Long.MIN_VALUE) {
                    return random.nextLong(min - 1, max) + 1;
                }
                return random.nextLong();
            }
        }
    }

    /** Any long, with the extremes ({@code MIN_VALUE}, {@code MAX_VALUE}, 0, 1, -1 and neighbours) mixed in. */
    public static long anyLong(Random random) {
        return between(random, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * {@code minSize .. maxSize} bytes (size biased like {@link #between(Random, int, int)}): all zeros or
     * all 0xFF one time in eight each, bytes drawn from 0, 1, 0x7F, 0x80, 0xFF one time in eight, else uniform.
     */
    public static byte[] bytes(Random random, int minSize, int maxSize) {
        byte[] bytes = new byte[between(random, minSize, maxSize)];
        switch (random.nextInt(8)) {
            case 0 -> {
                // all zeros
            }
            case 1 -> java.util.Arrays.fill(bytes, (byte) 0xFF);
            case 2 -> {
                byte[] edges = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF};
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = edges[random.nextInt(edges.length)];
                }
            }
            default -> random.nextBytes(bytes);
        }
        return bytes;
    }

    private static long initialSeed() {
        String fixed = System.getProperty(SEED_PROPERTY, "").strip();
        long seed = fixed.isEmpty() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(fixed);
        System.out.printf(Locale.ROOT, "%s: seed %d (run again with -D%s=%d)%n", RandomCases.class.getName(), seed,
                SEED_PROPERTY, seed);
        return seed;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
