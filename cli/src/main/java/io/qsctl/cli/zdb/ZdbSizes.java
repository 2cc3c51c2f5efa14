package io.qsctl.cli.zdb;

import io.qsctl.spec.ByteSize;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes of {@code qsctl zdb}'s {@code --datasize} and {@code --maxsize}: plain bytes as 0-db takes
 * them ({@code 268435456}), qsctl's own units ({@code 256MiB} is 256 × 1024², {@code 256MB} is
 * 256 × 1000², as in storage.yaml), and the single letters {@code K M G T} (either case), which
 * mean powers of 1024 because that is what people who write {@code 256M} for a file size expect.
 */
public final class ZdbSizes implements ITypeConverter<Long> {

    private static final Pattern LETTER = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?([KMGTkmgt])");

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
        if (value.matches("[0-9]+")) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException tooLong) {
                throw new TypeConversionException("'" + text + "' is too large");
            }
        }
        Matcher letter = LETTER.matcher(value);
        if (letter.matches()) {
            return binary(text, new BigDecimal(letter.group(1)), letter.group(2));
        }
        ByteSize.Parsed parsed = ByteSize.parse(value);
        if (parsed.ok()) {
            return parsed.size().orElseThrow().bytes();
        }
        if (!parsed.problem().contains("is not a size")) {
            throw new TypeConversionException(parsed.problem()); // a unit we know, but too large or not whole
        }
        throw new TypeConversionException("'" + text + "' is not a size; write bytes (268435456) or a number and a unit: "
                + "K, M, G, T or KiB, MiB, GiB, TiB (powers of 1024), KB, MB, GB, TB (powers of 1000)");
    }

    private static long binary(String text, BigDecimal number, String letter) {
        int power = "KMGT".indexOf(letter.toUpperCase(Locale.ROOT)) + 1;
        BigDecimal exact = number.multiply(new BigDecimal(BigInteger.valueOf(1024).pow(power)));
        try {
            BigInteger whole = exact.toBigIntegerExact();
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number of bytes");
        }
    }
}
