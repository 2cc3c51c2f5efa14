package io.qsctl.spec;

/** How far ahead contracts are kept paid, and when to warn. */
public record FundingSpec(int minRunwayDays, int alertRunwayDays) {
}
