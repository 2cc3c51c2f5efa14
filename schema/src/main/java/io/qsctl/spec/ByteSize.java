package io.qsctl.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes, as written in a spec: {@code 2TiB}, {@code 500GB}, {@code 1.5GiB} or a plain
 * integer. Decimal units (KB..PB) are powers of 1000 and binary units (KiB..PiB) powers of 1024,
 * as the IEC and SI define them; there is no guessing about which one "GB" means.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    public static final long KIB = 1024L;
    public static final long MIB = KIB * 1024;
    public static final long GIB = MIB * 1024;
    public static final long TIB = GIB * 1024;
    public static final long PIB = TIB * 1024;

    private static final Pattern FORMAT =
            Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)");
    /** Up to PiB only: the human form must be one {@link #parse} reads back, and specs have no EiB. */
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

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
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Parsed.failure("'" + text + "' is not a size; write a number and a unit, e.g. 500GB or 2TiB "
                    + "(units: B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        BigDecimal exact = number.multiply(new BigDecimal(multiplier(m.group(2))));
        BigInteger whole;
        try {
            whole = exact.toBigIntegerExact();
        } catch (ArithmeticException notWhole) {
            return Parsed.failure("'" + text + "' is not a whole number of bytes");
        }
        if (whole.bitLength() > 63) {
            return Parsed.failure("'" + text + "' is too large (the limit is 8EiB)");
        }
        return Parsed.success(new ByteSize(whole.longValueExact()));
    }

    private static BigInteger multiplier(String unit) {
        return switch (unit) {
            case "B" -> BigInteger.ONE;
            case "KB" -> BigInteger.TEN.pow(3);
            case "MB" -> BigInteger.TEN.pow(6);
            case "GB" -> BigInteger.TEN.pow(9);
            case "TB" -> BigInteger.TEN.pow(12);
            case "PB" -> BigInteger.TEN.pow(15);
            case "KiB" -> BigInteger.valueOf(KIB);
            case "MiB" -> BigInteger.valueOf(MIB);
            case "GiB" -> BigInteger.valueOf(GIB);
            case "TiB" -> BigInteger.valueOf(TIB);
            case "PiB" -> BigInteger.valueOf(PIB);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    /** The shortest exact binary form ({@code 2TiB}), or a rounded one ({@code ~1.5GiB}) when none is exact. */
    public String toHumanString() {
        if (bytes == 0) {
            return "0B";
        }
        int unit = 0;
        long value = bytes;
        while (unit < BINARY_UNITS.length - 1 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        if (value < 1024 || unit == BINARY_UNITS.length - 1) {
            return value + BINARY_UNITS[unit];
        }
        double scaled = bytes;
        int approxUnit = 0;
        while (scaled >= 1024 && approxUnit < BINARY_UNITS.length - 1) {
            scaled /= 1024;
            approxUnit++;
        }
        return String.format(Locale.ROOT, "%.1f%s", scaled, BINARY_UNITS[approxUnit]);
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
