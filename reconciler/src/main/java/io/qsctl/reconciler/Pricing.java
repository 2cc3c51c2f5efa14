package io.qsctl.reconciler;

import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Grid;
import io.qsctl.provider.PriceQuote;
import io.qsctl.provider.Tft;
import io.qsctl.reconciler.api.PlanQuote;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prices a plan with the grid: the backends before, the backends after, and each backend the plan
 * reserves. The quote expires when the earlier of the grid's two quotes does.
 */
final class Pricing {

    /** When nothing needs pricing, the (empty) quote still gets an expiry, so a no-op plan is not stale at once. */
    static final Duration EMPTY_QUOTE_VALIDITY = Duration.ofHours(1);

    private Pricing() {
    }

    static PlanQuote quote(Grid grid, List<BackendSpec> before, List<BackendSpec> after, Set<String> reserved,
                           Instant now) {
        Instant expires = now.plus(EMPTY_QUOTE_VALIDITY);
        Tft hourlyBefore = Tft.ZERO;
        if (!before.isEmpty()) {
            PriceQuote q = grid.quote(before);
            hourlyBefore = q.hourly();
            expires = q.expires();
        }
        Tft hourlyAfter = Tft.ZERO;
        Map<String, Tft> byNew = new HashMap<>();
        if (!after.isEmpty()) {
            PriceQuote q = grid.quote(after);
            hourlyAfter = q.hourly();
            expires = before.isEmpty() || q.expires().isBefore(expires) ? q.expires() : expires;
            for (PriceQuote.Line line : q.lines()) {
                if (reserved.contains(line.backend())) {
                    byNew.put(line.backend(), line.hourly());
                }
            }
        }
        return new PlanQuote(hourlyBefore, hourlyAfter, byNew, expires);
    }
}
