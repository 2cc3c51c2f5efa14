package io.qsctl.reconciler.api;

import io.qsctl.common.Durations;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ReservationBatch;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an apply, resume or destroy reports as it goes, one event at a time, in Terraform's words
 * ({@code data-03: Creating...}, {@code data-03: Still creating... [10s elapsed]},
 * {@code data-03: Creation complete after 2s [contract=42]}). {@link #message()} is the line a
 * person reads; the record's fields are there for machine output (NDJSON events).
 */
public sealed interface ApplyEvent {

    /** The human line for this event. */
    String message();

    /** An action begins (for a replacement: its new backend is being reserved). */
    record ActionStarted(Action action) implements ApplyEvent {
        public ActionStarted {
            Objects.requireNonNull(action, "action");
        }

        @Override
        public String message() {
            String where = action instanceof CreateBackend c ? " [" + c.target() + "]"
                    : action instanceof ReplaceBackend r ? " [contract=" + r.oldContract() + " -> " + r.target() + "]"
                    : action instanceof GrowBackend g ? " [contract=" + g.contract() + "]"
                    : " [contract=" + ((DeleteBackend) action).contract() + "]";
            return action.backend() + ": " + action.verb() + "..." + where;
        }
    }

    /** An action is still waiting (for a node to deploy a namespace). */
    record ActionWaiting(Action action, Duration elapsed) implements ApplyEvent {
        @Override
        public String message() {
            return action.backend() + ": Still " + action.verb().toLowerCase(java.util.Locale.ROOT) + "... ["
                    + Durations.elapsed(elapsed) + " elapsed]";
        }
    }

    /**
     * The new backend of a replacement answers; the old one is retiring and will be cancelled
     * later in this apply. (Moving the data onto the new backend is the storage runtime's part.)
     */
    record ReplacementReady(ReplaceBackend action, ContractId newContract) implements ApplyEvent {
        @Override
        public String message() {
            return action.backend() + ": Replacement ready [contract=" + newContract + "]; contract "
                    + action.oldContract() + " is retiring";
        }
    }

    /** An action is complete; {@code contract} is the contract it created or changed, if any. */
    record ActionDone(Action action, Duration elapsed, Optional<ContractId> contract) implements ApplyEvent {
        @Override
        public String message() {
            String noun = switch (action.type()) {
                case "create" -> "Creation";
                case "grow" -> "Growth";
                case "replace" -> "Replacement";
                default -> "Destruction";
            };
            return action.backend() + ": " + noun + " complete after " + Durations.elapsed(elapsed)
                    + contract.map(c -> " [contract=" + c + "]").orElse("");
        }
    }

    /** An action failed; the apply stops after this. */
    record ActionFailed(Action action, Duration elapsed, String reason) implements ApplyEvent {
        @Override
        public String message() {
            return action.backend() + ": " + action.verb() + " failed after " + Durations.elapsed(elapsed) + ": " + reason;
        }
    }

    /** A batch of reservations is about to be signed (one QR code when signing with ThreeFold Connect). */
    record SigningBatch(ReservationBatch batch, int number, int of) implements ApplyEvent {
        @Override
        public String message() {
            return "Signing reservation batch " + number + " of " + of + " (" + batch.deployments().size() + " backend"
                    + (batch.deployments().size() == 1 ? "" : "s") + ", " + batch.signingPayload().length
                    + " bytes, " + batch.hourlyCost() + " per hour)";
        }
    }

    /** Resume settled one journal entry of an interrupted apply by looking at the grid. */
    record Resolved(String backend, String key, String outcome) implements ApplyEvent {
        @Override
        public String message() {
            return backend + ": " + outcome + " [" + key + "]";
        }
    }

    /** Anything else worth a line. */
    record Note(String text) implements ApplyEvent {
        @Override
        public String message() {
            return text;
        }
    }
}
