package io.qsctl.common;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts, read from what people write ({@code 500GB}, {@code 2TiB}, {@code 1.5 GiB}) and
 * written for where they read them. Decimal units (KB..PB) are powers of 1000 and binary units
 * (KiB..PiB) powers of 1024, as the IEC and SI define them; what qsctl prints is always binary.
 *
 * <p>Every printed form scales the same way (to the largest binary unit the amount reaches, PiB at
 * most, exactly) and differs only in how the number is written, each as users already see it in
 * one place: {@link #human} in transfers and status, {@link #wholeOrOneDecimal} in the grid's node
 * table, {@link #upToTwoDecimals} in the embedded grid's refusals, and {@link Scaled} for the spec's
 * own form ({@code ByteSize}).
 */
public final class Sizes {

    public static final long KIB = 1024L;
    public static final long MIB = KIB * 1024;
    public static final long GIB = MIB * 1024;
    public static final long TIB = GIB * 1024;
    public static final long PIB = TIB * 1024;

    /** Up to PiB: the spec's form must be one {@link #SPEC_UNITS} reads back, and specs have no EiB. */
    public static final List<String> BINARY_UNITS = List.of("B", "KiB", "MiB", "GiB", "TiB", "PiB");

    /** The units of storage.yaml, with their number of bytes: B; KB..PB; KiB..PiB. Case matters. */
    public static final Map<String, BigInteger> SPEC_UNITS = specUnits();

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?([A-Za-z]*)");
    private static final BigDecimal K = BigDecimal.valueOf(1024);

    private Sizes() {
    }

    // ------------------------------------------------------------------ reading

    /** Why a text is not a number of bytes. */
    public enum Problem {
        /** Not a number and a unit of those accepted. */
        NOT_A_SIZE,
        /** A fraction of a byte ({@code 0.5B}, {@code 1.3K}). */
        NOT_WHOLE,
        /** More than a long holds (8 EiB). */
        TOO_LARGE
    }

    /** What {@link #parse} made of a text: a number of bytes, or why it is not one. */
    public record Parsed(long bytes, Optional<Problem> problem) {
        public boolean ok() {
            return problem.isEmpty();
        }
    }

    /**
     * A number (digits, perhaps a fraction), an optional space and a unit of {@code units}, which
     * maps each unit to its number of bytes (an empty unit, if it is in the map, lets a bare number
     * through). The result is a reason rather than an exception: callers word the message, and
     * some report every bad size of a file, not just the first.
     */
    public static Parsed parse(String text, Map<String, BigInteger> units) {
        Matcher m = FORM.matcher(text);
        BigInteger multiplier = m.matches() ? units.get(m.group(2)) : null;
        if (multiplier == null) {
            return new Parsed(0, Optional.of(Problem.NOT_A_SIZE));
        }
        BigInteger whole;
        try {
            whole = new BigDecimal(m.group(1)).multiply(new BigDecimal(multiplier)).toBigIntegerExact();
        } catch (ArithmeticException notWhole) {
            return new Parsed(0, Optional.of(Problem.NOT_WHOLE));
        }
        if (whole.bitLength() > 63) {
            return new Parsed(0, Optional.of(Problem.TOO_LARGE));
        }
        return new Parsed(whole.longValueExact(), Optional.empty());
    }

    private static Map<String, BigInteger> specUnits() {
        Map<String, BigInteger> units = new LinkedHashMap<>();
        units.put("B", BigInteger.ONE);
        List<String> decimal = List.of("KB", "MB", "GB", "TB", "PB");
        for (int i = 0; i < decimal.size(); i++) {
            units.put(decimal.get(i), BigInteger.TEN.pow(3 * (i + 1)));
        }
        for (int i = 1; i < BINARY_UNITS.size(); i++) {
            units.put(BINARY_UNITS.get(i), BigInteger.valueOf(1024).pow(i));
        }
        return Map.copyOf(units);
    }

    // ------------------------------------------------------------------ writing

    /** An amount in the largest binary unit it reaches (at least one of it; PiB at most), exactly. */
    public record Scaled(BigDecimal value, String unit) {

        /** The number rounded (half up) to {@code decimals} places, as digits: {@code 953.7}. */
        public String number(int decimals) {
            return value.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        }

        /** Whether the amount is a whole number of its unit. */
        public boolean whole() {
            return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
        }
    }

    /** {@code bytes} in the largest binary unit it reaches; amounts under 1 KiB (and negative ones) stay in bytes. */
    public static Scaled scale(long bytes) {
        BigDecimal value = BigDecimal.valueOf(bytes);
        int unit = 0;
        while (value.compareTo(K) >= 0 && unit < BINARY_UNITS.size() - 1) {
            value = value.divide(K); // exact: a power of two divides into a finite decimal
            unit++;
        }
        return new Scaled(value, BINARY_UNITS.get(unit));
    }

    /** {@code 1023 B}, {@code 4.0 KiB}, {@code 1.5 GiB}: one decimal above bytes, so figures of a transfer line up. */
    public static String human(long bytes) {
        Scaled s = scale(bytes);
        return s.number(s.unit().equals("B") ? 0 : 1) + " " + s.unit();
    }

    /** {@code bytes} moved in {@code seconds}, per second: {@code 512 B/s}, {@code 10.0 MiB/s}. */
    public static String rate(long bytes, double seconds) {
        return human(Math.round(bytes / Math.max(seconds, 1e-9))) + "/s";
    }

    /** {@code 500 GiB}, {@code 1.5 TiB}: a whole amount without decimals, any other with one. */
    public static String wholeOrOneDecimal(long bytes) {
        Scaled s = scale(bytes);
        return s.number(s.whole() ? 0 : 1) + " " + s.unit();
    }

    /** {@code 120 GiB}, {@code 1.25 TiB}: rounded to two decimals, trailing zeros dropped. */
    public static String upToTwoDecimals(long bytes) {
        Scaled s = scale(bytes);
        return s.value().setScale(s.unit().equals("B") ? 0 : 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + " " + s.unit();
    }
}
