package io.qsctl.zstor.meta;

/** One metadata backend by name (never its password) and its state. */
public record BackendHealth(String name, BackendState state) {

    public boolean reachable() {
        return !(state instanceof BackendState.Unreachable);
    }
}
