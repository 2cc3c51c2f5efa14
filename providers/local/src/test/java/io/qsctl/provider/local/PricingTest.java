package io.qsctl.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.Tft;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void aGibibyteHourCostsTheSuPriceOverTwelveHundredAtOneCentPerTft() {
        // $0.005 per SU-hour / 1200 GiB per SU / $0.01 per TFT = 0.000416666... TFT, rounded up
        assertThat(Pricing.hourly(GIB, 1000, false)).isEqualTo(Tft.parse("0.0004167"));
    }

    @Test
    void aTebibyteMonthCostsAboutThreeHundredElevenTft() {
        Tft hourly = Pricing.hourly(1024 * GIB, 1000, false);
        assertThat(hourly).isEqualTo(Tft.parse("0.4266667"));
        assertThat(hourly.times(730).toBigDecimal()).isBetween(new BigDecimal("311"), new BigDecimal("312"));
    }

    @Test
    void theNodesMultiplierAndCertificationRaiseThePrice() {
        Tft base = Pricing.hourly(1200 * GIB, 1000, false);
        assertThat(base).isEqualTo(Tft.parse("0.5"));
        assertThat(Pricing.hourly(1200 * GIB, 1500, false)).isEqualTo(Tft.parse("0.75"));
        assertThat(Pricing.hourly(1200 * GIB, 1000, true)).isEqualTo(Tft.parse("0.625"));
    }

    @Test
    void chargesRoundUpToTheUnit() {
        assertThat(Pricing.hourly(1, 1000, false)).isEqualTo(new Tft(1));
    }

    @Test
    void aNodesMonthlyPriceCountsItsHddAndSsd() {
        // 1200 GiB HDD = 1 SU, 200 GiB SSD = 1 SU: 2 SU * $0.005 * 730 h = $7.30
        assertThat(Pricing.nodePriceUsd(1200 * GIB, 200 * GIB, 1000, false)).isEqualByComparingTo("7.30");
    }
}
