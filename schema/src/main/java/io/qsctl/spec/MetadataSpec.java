package io.qsctl.spec;

import java.util.Objects;

/** The metadata backends, which hold the encrypted segment index. */
public record MetadataSpec(int backends, ByteSize size) {
    public MetadataSpec {
        Objects.requireNonNull(size, "size");
    }
}
