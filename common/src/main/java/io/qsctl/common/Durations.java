package io.qsctl.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations, read as people type them and written for where they read them. One grammar for every
 * option that takes a duration: a number and a unit ({@code 90s}, {@code 5m}, {@code 2h},
 * {@code 30d}, {@code 1500ms}), several of them together ({@code 1d12h}, {@code 1m30s}), or
 * ISO-8601 ({@code PT36H}); units in either case, no spaces inside.
 *
 * <p>Three written forms, each where users see it: {@link #exact} (a lock timeout, read back as
 * typed), {@link #parts} (the grid clock) and {@link #elapsed} (how long an apply step took, as
 * Terraform prints it).
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|d|h|m|s)");

    private Durations() {
    }

    /** Why a text is not a duration. */
    public enum Problem {
        /** Not the grammar above. */
        NOT_A_DURATION,
        /** Longer than a {@link Duration} holds (about 292 billion years). */
        TOO_LONG
    }

    /** What {@link #parse} made of a text: a duration (ISO-8601 ones may be negative), or why it is not one. */
    public record Parsed(Optional<Duration> duration, Optional<Problem> problem) {
        static Parsed of(Duration duration) {
            return new Parsed(Optional.of(duration), Optional.empty());
        }

        static Parsed failed(Problem problem) {
            return new Parsed(Optional.empty(), Optional.of(problem));
        }

        public boolean ok() {
            return duration.isPresent();
        }
    }

    /** Reads {@code text}; the caller words the message, since what the duration is for belongs in it. */
    public static Parsed parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Parsed.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Parsed.failed(Problem.NOT_A_DURATION);
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Parsed.failed(Problem.NOT_A_DURATION);
            }
            try {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            } catch (ArithmeticException | NumberFormatException e) {
                return Parsed.failed(Problem.TOO_LONG);
            }
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            return Parsed.failed(Problem.NOT_A_DURATION);
        }
        return Parsed.of(total);
    }

    /** In the largest unit that gives a whole number, so {@link #parse} reads it back: {@code 1500ms}, {@code 90m}, {@code 1d}. */
    public static String exact(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }

    /** Days, hours, minutes and seconds, each there only when not zero: {@code 30d}, {@code 1d12h}, {@code 1h30m}. */
    public static String parts(Duration d) {
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

    /** A short elapsed time as Terraform prints it, in at most two units: {@code 0s}, {@code 42s}, {@code 3m5s}, {@code 1h2m}. */
    public static String elapsed(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        }
        return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
    }
}
