package io.qsctl.provider.local;

import io.qsctl.provider.Tft;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * What the embedded grid charges, by TFChain's formula for storage (docs/tfgrid.md §4): a zdb
 * backend uses {@code hru = size}, which is {@code SU = hru_GiB / 1200}; an SU costs the genesis
 * price of 50,000 units-USD ($0.005) per hour; TFT is taken at $0.01. That makes
 * <b>0.0004166667 TFT per GiB-hour</b> (about 0.43 TFT per TiB-hour, 311 TFT per TiB-month) at a
 * price multiplier of 1. Each node has a multiplier (its farmer's price, in thousandths), and
 * certified nodes cost 25% more, as on TFChain. Charges round up to the 10^-7 TFT unit.
 */
public final class Pricing {

    /** TFChain genesis SU price: units-USD (10^-7 USD) per SU-hour. */
    public static final long SU_PRICE_UNITS_USD = 50_000;
    /** The TFT price assumed, in milli-USD. */
    public static final long TFT_PRICE_MILLI_USD = 10;
    /** GiB of HDD per SU. */
    public static final long HRU_GIB_PER_SU = 1200;
    static final long GIB = 1024L * 1024 * 1024;
    private static final BigInteger MILLE = BigInteger.valueOf(1000);

    private Pricing() {
    }

    /**
     * TFT per hour for {@code bytes} of HDD on a node with this multiplier. TFChain converts
     * {@code cost_usd_units / (tft_price_mUSD × 10,000) × 10^7}: with a price of 10 mUSD, one
     * unit-USD is 100 TFT units.
     */
    public static Tft hourly(long bytes, int priceMille, boolean certified) {
        // units = bytes / GiB / 1200 * 50000 * (10^7 / (10 * 10^4)) * mille/1000 * (certified ? 5/4 : 1)
        BigInteger numerator = BigInteger.valueOf(bytes)
                .multiply(BigInteger.valueOf(SU_PRICE_UNITS_USD))
                .multiply(BigInteger.valueOf(Tft.UNITS_PER_TFT))
                .multiply(BigInteger.valueOf(priceMille))
                .multiply(BigInteger.valueOf(certified ? 5 : 4));
        BigInteger denominator = BigInteger.valueOf(GIB)
                .multiply(BigInteger.valueOf(HRU_GIB_PER_SU))
                .multiply(BigInteger.valueOf(TFT_PRICE_MILLI_USD * 10_000))
                .multiply(MILLE)
                .multiply(BigInteger.valueOf(4));
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return new Tft(qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0));
    }

    /**
     * What renting the whole node would cost per month in USD, the grid proxy's {@code price_usd}:
     * its HDD and SSD as SU ({@code hru/1200 + sru/200}) at this node's price, over 730 hours.
     */
    public static BigDecimal nodePriceUsd(long totalHru, long totalSru, int priceMille, boolean certified) {
        BigDecimal su = BigDecimal.valueOf(totalHru).divide(BigDecimal.valueOf(GIB * HRU_GIB_PER_SU), 10, RoundingMode.HALF_UP)
                .add(BigDecimal.valueOf(totalSru).divide(BigDecimal.valueOf(GIB * 200), 10, RoundingMode.HALF_UP));
        BigDecimal usd = su.multiply(BigDecimal.valueOf(SU_PRICE_UNITS_USD)).movePointLeft(7)
                .multiply(BigDecimal.valueOf(730))
                .multiply(BigDecimal.valueOf(priceMille)).movePointLeft(3);
        if (certified) {
            usd = usd.multiply(BigDecimal.valueOf(125)).movePointLeft(2);
        }
        return usd.setScale(2, RoundingMode.HALF_UP);
    }
}
