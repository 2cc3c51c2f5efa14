package io.qsctl.reconciler;

/** The size every data backend and every metadata backend should have, in bytes. */
record BackendSizes(long data, long metadata) {
    BackendSizes {
        if (data <= 0 || metadata <= 0) {
            throw new IllegalArgumentException("backend sizes are positive");
        }
    }
}
