package io.qsctl.reconciler.api;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.ZdbMode;
import io.qsctl.spec.ByteSize;
import java.util.Objects;

/** Reserve a new backend: a zdb namespace of {@code size} bytes on the chosen node. Signed and paid. */
public record CreateBackend(int index, String backend, BackendRole role, NodeChoice target, long size, ZdbMode mode)
        implements Action {

    public CreateBackend {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String symbol() {
        return "+";
    }

    @Override
    public String verb() {
        return "Creating";
    }

    @Override
    public String type() {
        return "create";
    }

    @Override
    public String describe() {
        return "+ " + backend + ": create " + ByteSize.ofBytes(size) + " on " + target;
    }
}
