package io.qsctl.cli.zdb;

import io.qsctl.common.Sizes;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes of {@code qsctl zdb}'s {@code --datasize} and {@code --maxsize}: plain bytes as 0-db takes
 * them ({@code 268435456}), qsctl's own units ({@code 256MiB} is 256 × 1024², {@code 256MB} is
 * 256 × 1000², as in storage.yaml), and the single letters {@code K M G T} (either case), which
 * mean powers of 1024 because that is what people who write {@code 256M} for a file size expect.
 */
public final class ZdbSizes implements ITypeConverter<Long> {

    /** qsctl's units, plain bytes, and 0-db's single letters. */
    private static final Map<String, BigInteger> UNITS = units();

    @Override
    public Long convert(String text) {
        return parse(text);
    }

    /** The number of bytes {@code text} says; throws a {@link TypeConversionException} saying why not. */
    public static long parse(String text) {
        String value = text.strip();
        if (value.startsWith("-")) {
            throw new TypeConversionException("'" + text + "': a size cannot be negative");
        }
        Sizes.Parsed parsed = Sizes.parse(value, UNITS);
        if (parsed.ok()) {
            return parsed.bytes();
        }
        throw new TypeConversionException(switch (parsed.problem().orElseThrow()) {
            case NOT_A_SIZE -> "'" + text + "' is not a size; write bytes (268435456) or a number and a unit: "
                    + "K, M, G, T or KiB, MiB, GiB, TiB (powers of 1024), KB, MB, GB, TB (powers of 1000)";
            case NOT_WHOLE -> "'" + text + "' is not a whole number of bytes";
            case TOO_LARGE -> "'" + text + "' is too large (the limit is 8EiB)";
        });
    }

    private static Map<String, BigInteger> units() {
        Map<String, BigInteger> units = new HashMap<>(Sizes.SPEC_UNITS);
        units.put("", BigInteger.ONE);
        List<String> letters = List.of("K", "M", "G", "T");
        for (int i = 0; i < letters.size(); i++) {
            BigInteger bytes = BigInteger.valueOf(1024).pow(i + 1);
            units.put(letters.get(i), bytes);
            units.put(letters.get(i).toLowerCase(Locale.ROOT), bytes);
        }
        return Map.copyOf(units);
    }
}
