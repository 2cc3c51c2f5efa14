package io.qsctl.reconciler.api;

import io.qsctl.provider.Tft;

/**
 * A plan in numbers, for the line under a rendered plan and for {@code -o json}: how many
 * backends each kind of action touches, how much drift was found, and the monthly price before,
 * after and the difference.
 */
public record PlanSummary(int create, int grow, int replace, int delete, int drift, Tft monthlyBefore,
                          Tft monthlyAfter) {

    public Tft monthlyDelta() {
        return monthlyAfter.minus(monthlyBefore);
    }

    public boolean hasChanges() {
        return create + grow + replace + delete > 0;
    }

    /** {@code Plan: 3 to create, 1 to grow, 0 to replace, 2 to delete. Monthly: 10 TFT -> 12.5 TFT (+2.5 TFT).} */
    public String line() {
        if (!hasChanges()) {
            return "No changes. The cluster matches the spec.";
        }
        Tft delta = monthlyDelta();
        return "Plan: " + create + " to create, " + grow + " to grow, " + replace + " to replace, " + delete
                + " to delete. Monthly: " + monthlyBefore + " -> " + monthlyAfter + " ("
                + (delta.isNegative() ? "" : "+") + delta + ").";
    }
}
