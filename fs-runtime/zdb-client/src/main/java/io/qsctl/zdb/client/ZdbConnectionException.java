package io.qsctl.zdb.client;

/**
 * The connection could not be made, or broke (reset, closed by the server). Replies in flight are
 * lost: a write may or may not have been applied. The next command on the connection reconnects.
 */
public final class ZdbConnectionException extends ZdbException {

    public ZdbConnectionException(String message) {
        super(message);
    }

    public ZdbConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
