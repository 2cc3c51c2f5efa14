package io.qsctl.zstor.crypto;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/**
 * A chunk did not decrypt: its GCM tag does not match, so it was altered, truncated, moved to
 * another position or another segment, or the data key is not the one it was stored with.
 */
public final class ChunkAuthenticationException extends QsctlException {

    public ChunkAuthenticationException(String message, Throwable cause) {
        super(ExitCode.ERROR, message, cause);
    }
}
