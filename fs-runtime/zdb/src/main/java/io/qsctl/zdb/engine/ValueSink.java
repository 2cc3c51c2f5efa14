package io.qsctl.zdb.engine;

import java.nio.ByteBuffer;

/** Where a read value goes, sized before it is read, so the server can read straight into its reply buffer. */
@FunctionalInterface
public interface ValueSink {
    /** A buffer with at least {@code length} bytes remaining; the value is written at its position. */
    ByteBuffer target(int length);
}
