package io.qsctl.cli.grid;

import io.qsctl.common.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The grid clock's durations, as picocli reads them: {@code 30d}, {@code 12h}, {@code 90m},
 * {@code 45s}, combined ({@code 1d12h}), or ISO-8601 ({@code PT36H}); see {@link Durations}.
 */
public final class GridDurations implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String text) {
        Durations.Parsed parsed = Durations.parse(text);
        return parsed.duration().orElseThrow(() -> new TypeConversionException(switch (parsed.problem().orElseThrow()) {
            case NOT_A_DURATION -> "'" + text + "' is not a duration; write e.g. 30d, 12h, 90m, 1d12h or PT36H";
            case TOO_LONG -> "'" + text + "' is longer than any duration the grid clock can take";
        }));
    }
}
