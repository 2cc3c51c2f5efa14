package io.qsctl.zdb.client;

/**
 * The server sent something that is not valid RESP, breaks a client limit, or is not the kind of
 * reply the command has (an integer where a bulk was due). The connection is dropped.
 */
public final class ZdbProtocolException extends ZdbException {

    public ZdbProtocolException(String message) {
        super(message);
    }

    public ZdbProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
