package io.qsctl.zdb.client;

/**
 * The server did not answer (or accept the connection) in time, or no pooled connection became
 * free in time. After a command timeout the connection is dropped, since a late reply would
 * otherwise be taken for the answer to the next command.
 */
public final class ZdbTimeoutException extends ZdbException {

    public ZdbTimeoutException(String message) {
        super(message);
    }
}
