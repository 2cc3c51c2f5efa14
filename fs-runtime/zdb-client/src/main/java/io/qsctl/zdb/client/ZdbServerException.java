package io.qsctl.zdb.client;

/**
 * The server answered with an error reply ({@code -Access denied}, {@code -Invalid key}...). The
 * connection is still in step and usable.
 */
public final class ZdbServerException extends ZdbException {

    private final String serverMessage;

    /**
     * @param message the whole message, for people: which server, which command, what it said
     * @param serverMessage the error text as the server sent it
     */
    public ZdbServerException(String message, String serverMessage) {
        super(message);
        this.serverMessage = serverMessage;
    }

    /** The error text exactly as the server sent it, without the leading '-'. */
    public String serverMessage() {
        return serverMessage;
    }
}
