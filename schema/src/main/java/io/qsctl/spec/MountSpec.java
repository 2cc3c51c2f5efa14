package io.qsctl.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * The filesystem on the user's machine. {@code path} is empty when the spec leaves it to the
 * default, which depends on the user's home directory and so is resolved where it is used.
 */
public record MountSpec(Optional<String> path, ByteSize cache, ByteSize segmentSize, ByteSize maxUnprotected) {
    public MountSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(segmentSize, "segmentSize");
        Objects.requireNonNull(maxUnprotected, "maxUnprotected");
    }
}
