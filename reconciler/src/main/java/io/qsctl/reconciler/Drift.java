package io.qsctl.reconciler;

import io.qsctl.provider.ContractId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that changed outside qsctl, found by refreshing: shown apart from the changes the
 * user's spec asks for ("Objects have changed outside of qsctl"). Some drift leads to an action
 * (a dead contract or node is replaced); the rest is reported so the user can act (a wallet to top
 * up) or simply know.
 */
public record Drift(String backend, Optional<ContractId> contract, Kind kind, String message) {

    public enum Kind {
        /** The contract was cancelled or deleted (out of funds) outside qsctl. */
        CONTRACT_DELETED,
        /** The grid does not know the contract at all. */
        CONTRACT_MISSING,
        /** The wallet ran dry: the namespace is read-only until it is topped up. */
        CONTRACT_IN_GRACE,
        /** The node is down or has left the grid. */
        NODE_DOWN,
        /** The node is up but on standby or not answering the grid. */
        NODE_UNHEALTHY,
        /** The contract exists but the node has not deployed the namespace (yet). */
        NOT_DEPLOYED,
        /** A contract of this cluster that the state does not list. */
        UNTRACKED_CONTRACT;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public Drift {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
