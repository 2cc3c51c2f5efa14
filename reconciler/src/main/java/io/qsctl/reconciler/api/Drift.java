package io.qsctl.reconciler.api;

import io.qsctl.provider.ContractId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that changed outside qsctl, found by refreshing: shown apart from the changes the
 * user's spec asks for ("Objects have changed outside of qsctl"). Some drift leads to an action
 * (a dead contract, node or namespace is replaced); the rest is reported so the user can act (a
 * wallet to top up) or simply know.
 *
 * <p>{@code message} does not repeat the backend's name: printers show {@code backend: message}.
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
        /** The node answers but no longer has the namespace: its disk was lost or wiped. */
        NAMESPACE_MISSING,
        /** The node is up on the grid but the namespace does not answer. */
        NAMESPACE_UNREACHABLE,
        /** The namespace answers read-only although its contract is not in grace. */
        NAMESPACE_LOCKED,
        /** A contract of this cluster that the state does not list. */
        UNTRACKED_CONTRACT;

        /**
         * Whether {@code apply} replaces the backend for this (create before destroy): the backend
         * is lost for good. The rest may come back (a node on standby, a namespace that does not
         * answer for now, a wallet to top up) and is only reported.
         */
        public boolean replacedByApply() {
            return switch (this) {
                case CONTRACT_DELETED, CONTRACT_MISSING, NODE_DOWN, NAMESPACE_MISSING -> true;
                case CONTRACT_IN_GRACE, NODE_UNHEALTHY, NOT_DEPLOYED, NAMESPACE_UNREACHABLE, NAMESPACE_LOCKED,
                     UNTRACKED_CONTRACT -> false;
            };
        }

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
