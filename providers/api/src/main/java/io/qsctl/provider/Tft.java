package io.qsctl.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of TFT, exactly: TFChain counts in units of 10^-7 TFT, and so do we. No floating
 * point anywhere money is concerned.
 */
public record Tft(long units) implements Comparable<Tft> {

    public static final int DECIMALS = 7;
    public static final long UNITS_PER_TFT = 10_000_000L;
    public static final Tft ZERO = new Tft(0);

    public static Tft of(long wholeTft) {
        return new Tft(Math.multiplyExact(wholeTft, UNITS_PER_TFT));
    }

    /** Parses "12.5" or "0.0000001"; more than 7 decimals is an error, not a rounding. */
    public static Tft parse(String text) {
        BigDecimal value = new BigDecimal(text.trim());
        try {
            return new Tft(value.movePointRight(DECIMALS).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not an exact TFT amount (at most 7 decimals): " + text, e);
        }
    }

    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(units, DECIMALS);
    }

    public Tft plus(Tft other) {
        return new Tft(Math.addExact(units, other.units));
    }

    public Tft minus(Tft other) {
        return new Tft(Math.subtractExact(units, other.units));
    }

    public Tft times(long factor) {
        return new Tft(Math.multiplyExact(units, factor));
    }

    /** This amount times a fraction, rounded up to the unit (charges never round in the payer's favour by accident). */
    public Tft timesCeil(long numerator, long denominator) {
        BigDecimal product = BigDecimal.valueOf(units).multiply(BigDecimal.valueOf(numerator))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.CEILING);
        return new Tft(product.longValueExact());
    }

    public boolean isNegative() {
        return units < 0;
    }

    @Override
    public int compareTo(Tft other) {
        return Long.compare(units, other.units);
    }

    /** "12.5 TFT": the shortest exact decimal. */
    @Override
    public String toString() {
        return toPlainString() + " TFT";
    }

    public String toPlainString() {
        return toBigDecimal().stripTrailingZeros().toPlainString();
    }
}
