package io.qsctl.cli.grid;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them for the grid clock: {@code 30d}, {@code 12h}, {@code 90m},
 * {@code 45s}, combined ({@code 1d12h}), or ISO-8601 ({@code PT36H}).
 */
public final class GridDurations implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw bad(text);
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw bad(text);
            }
            try {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            } catch (ArithmeticException | NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is longer than any duration the grid clock can take");
            }
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw bad(text);
        }
        return total;
    }

    /** {@code 30d}, {@code 1d12h}, {@code 90m}: the shortest form of the same kind. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            out.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }

    private static TypeConversionException bad(String text) {
        return new TypeConversionException("'" + text + "' is not a duration; write e.g. 30d, 12h, 90m, 1d12h or PT36H");
    }
}
