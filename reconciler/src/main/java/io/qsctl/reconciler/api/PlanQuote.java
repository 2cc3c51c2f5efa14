package io.qsctl.reconciler.api;

import io.qsctl.provider.PriceQuote;
import io.qsctl.provider.Tft;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The prices a plan was made with: what the cluster's backends cost per hour before and after the
 * plan, what each backend the plan reserves costs, and until when the grid holds these prices.
 * Applying a plan whose quote has expired is refused.
 */
public record PlanQuote(Tft hourlyBefore, Tft hourlyAfter, Map<String, Tft> hourlyByNewBackend, Instant expires) {

    public PlanQuote {
        Objects.requireNonNull(hourlyBefore, "hourlyBefore");
        Objects.requireNonNull(hourlyAfter, "hourlyAfter");
        hourlyByNewBackend = java.util.Collections.unmodifiableMap(new TreeMap<>(hourlyByNewBackend));
        Objects.requireNonNull(expires, "expires");
    }

    public Tft monthlyBefore() {
        return hourlyBefore.times(PriceQuote.HOURS_PER_MONTH);
    }

    public Tft monthlyAfter() {
        return hourlyAfter.times(PriceQuote.HOURS_PER_MONTH);
    }

    /** After minus before, per month; negative when the plan saves money. */
    public Tft monthlyDelta() {
        return monthlyAfter().minus(monthlyBefore());
    }

    /** The monthly price of a backend the plan reserves (create or replacement). */
    public Optional<Tft> monthlyFor(String backend) {
        return Optional.ofNullable(hourlyByNewBackend.get(backend)).map(t -> t.times(PriceQuote.HOURS_PER_MONTH));
    }

    public Tft hourlyFor(String backend) {
        return hourlyByNewBackend.getOrDefault(backend, Tft.ZERO);
    }
}
