package io.qsctl.zdb.client;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/**
 * Why a 0-db command failed. The set is closed, so callers can tell apart what the server refused
 * ({@link ZdbServerException}: the connection is fine) from what broke the connection
 * ({@link ZdbConnectionException}, {@link ZdbTimeoutException}, {@link ZdbProtocolException}: the
 * connection was dropped and the next command reconnects).
 */
public abstract sealed class ZdbException extends QsctlException
        permits ZdbServerException, ZdbConnectionException, ZdbTimeoutException, ZdbProtocolException {

    ZdbException(String message) {
        super(ExitCode.ERROR, message);
    }

    ZdbException(String message, Throwable cause) {
        super(ExitCode.ERROR, message, cause);
    }
}
