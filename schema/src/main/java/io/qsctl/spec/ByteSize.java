package io.qsctl.spec;

import io.qsctl.common.Sizes;
import java.util.Optional;

/**
 * A number of bytes, as written in a spec: {@code 2TiB}, {@code 500GB}, {@code 1.5GiB} or a plain
 * integer. Decimal units (KB..PB) are powers of 1000 and binary units (KiB..PiB) powers of 1024,
 * as the IEC and SI define them; there is no guessing about which one "GB" means.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    public static final long KIB = Sizes.KIB;
    public static final long MIB = Sizes.MIB;
    public static final long GIB = Sizes.GIB;
    public static final long TIB = Sizes.TIB;
    public static final long PIB = Sizes.PIB;

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize ofMebibytes(long mebibytes) {
        return new ByteSize(Math.multiplyExact(mebibytes, MIB));
    }

    public static ByteSize ofGibibytes(long gibibytes) {
        return new ByteSize(Math.multiplyExact(gibibytes, GIB));
    }

    /**
     * Parses a size. The result is empty-with-reason rather than an exception because callers
     * report every bad size of a file, not just the first.
     */
    public static Parsed parse(String text) {
        Sizes.Parsed parsed = Sizes.parse(text, Sizes.SPEC_UNITS);
        if (parsed.ok()) {
            return Parsed.success(new ByteSize(parsed.bytes()));
        }
        return Parsed.failure(switch (parsed.problem().orElseThrow()) {
            case NOT_A_SIZE -> "'" + text + "' is not a size; write a number and a unit, e.g. 500GB or 2TiB "
                    + "(units: B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)";
            case NOT_WHOLE -> "'" + text + "' is not a whole number of bytes";
            case TOO_LARGE -> "'" + text + "' is too large (the limit is 8EiB)";
        });
    }

    /**
     * The shortest exact binary form ({@code 2TiB}), or one rounded to a tenth ({@code 1.5GiB})
     * when none is exact; up to PiB only, so {@link #parse} reads it back.
     */
    public String toHumanString() {
        Sizes.Scaled scaled = Sizes.scale(bytes);
        return scaled.number(scaled.whole() ? 0 : 1) + scaled.unit();
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toHumanString();
    }

    /** The outcome of {@link #parse(String)}: a size, or why the text is not one. */
    public record Parsed(Optional<ByteSize> size, String problem) {
        static Parsed success(ByteSize size) {
            return new Parsed(Optional.of(size), null);
        }

        static Parsed failure(String problem) {
            return new Parsed(Optional.empty(), problem);
        }

        public boolean ok() {
            return size.isPresent();
        }
    }
}
