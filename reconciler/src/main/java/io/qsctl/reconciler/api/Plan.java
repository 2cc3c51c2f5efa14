package io.qsctl.reconciler.api;

import io.qsctl.provider.TwinId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an apply will do, and everything it is bound to: the spec (by hash), the state it was made
 * against (lineage and serial), the twin, the actions in the order they run, and the price quote
 * with its expiry. A plan holds nothing secret: passwords and deployment hashes are derived when
 * applying. {@link PlanFile} writes it to a file ({@code qsctl plan --out}) and reads it back
 * ({@code qsctl apply PLANFILE}).
 *
 * <p>Actions run in this order: creates (data, then metadata, by index), then replacements (each
 * reserves its new backend here; the old ones are cancelled after all grows), then grows, then
 * deletes (unfinished retirements first, then the highest indexes first). So a cluster never has
 * fewer backends than the spec wants while a plan runs.
 *
 * @param id deterministic: a hash of the spec hash, the state binding and the actions
 * @param drift changes found outside qsctl, shown apart from the actions
 * @param notes things the user should know that are not actions (e.g. backends are never shrunk)
 */
public record Plan(int formatVersion, String id, PlanMode mode, String cluster, String network, String specHash,
                   StateBinding state, Optional<TwinId> twin, Instant created, List<Drift> drift, List<Action> actions,
                   PlanQuote quote, List<String> notes) {

    public static final int FORMAT_VERSION = 1;

    /** The heading a renderer puts above {@link #drift()}, apart from the actions (Terraform's wording). */
    public static final String DRIFT_HEADING = "Objects have changed outside of qsctl";

    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(created, "created");
        drift = List.copyOf(drift);
        actions = List.copyOf(actions);
        Objects.requireNonNull(quote, "quote");
        notes = List.copyOf(notes);
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).index() != i) {
                throw new IllegalArgumentException("action " + i + " has index " + actions.get(i).index());
            }
        }
    }

    public boolean hasChanges() {
        return !actions.isEmpty();
    }

    public boolean hasDrift() {
        return !drift.isEmpty();
    }

    public PlanSummary summary() {
        int create = 0;
        int grow = 0;
        int replace = 0;
        int delete = 0;
        for (Action a : actions) {
            if (a instanceof CreateBackend) {
                create++;
            } else if (a instanceof GrowBackend) {
                grow++;
            } else if (a instanceof ReplaceBackend) {
                replace++;
            } else {
                delete++;
            }
        }
        return new PlanSummary(create, grow, replace, delete, drift.size(), quote.monthlyBefore(), quote.monthlyAfter());
    }

    public <T extends Action> List<T> actionsOf(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
