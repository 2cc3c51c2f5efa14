package io.qsctl.provider.identity;

import java.util.Objects;

/** An identity and where it came from ({@code source} names the variable or file, never a secret). */
public record ResolvedIdentity(Identity identity, IdentityOrigin origin, String source) {
    public ResolvedIdentity {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
    }
}
