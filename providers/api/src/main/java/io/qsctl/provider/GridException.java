package io.qsctl.provider;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.util.Objects;

/**
 * The grid refused or failed a request. {@link Kind} says what happened in terms the reconciler
 * acts on; {@link #retryable()} whether the same request may simply be tried again later.
 */
public final class GridException extends QsctlException {

    public enum Kind {
        /** The wallet cannot pay for what was asked. */
        INSUFFICIENT_FUNDS(false),
        /** A node refused the deployment (full, not accepting, wrong state). */
        NODE_REFUSED(false),
        /** A node did not answer. */
        NODE_UNREACHABLE(true),
        /** The thing asked about does not exist. */
        NOT_FOUND(false),
        /** The signature does not match the twin's key. */
        BAD_SIGNATURE(false),
        /** The request conflicts with the grid's state (e.g. a cancelled contract). */
        CONFLICT(false),
        /** The grid (proxy, chain, embedded service) cannot be reached or is failing. */
        UNAVAILABLE(true),
        /** The request is malformed. */
        INVALID(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;

    public GridException(Kind kind, String message) {
        super(ExitCode.ERROR, message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public GridException(Kind kind, String message, Throwable cause) {
        super(ExitCode.ERROR, message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable;
    }
}
