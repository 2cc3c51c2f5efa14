package io.qsctl.zdb.resp;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.util.Objects;

/**
 * The peer broke the RESP protocol. The message is written to be sent back as it is in a RESP
 * error line ({@code -Protocol error: ...}), so it never contains CR or LF; after this the stream
 * cannot be resynchronised and the connection should be closed.
 *
 * <p>{@link #violation()} says what kind of breach it was, so a server that wants 0-db's exact
 * wording can answer {@link Violation#zdbReply()} instead of the message.
 */
public final class RespProtocolException extends QsctlException {

    /** Kinds of breach. Where 0-db has its own reply text for one, it is given (zdbd/redis.c). */
    public enum Violation {
        /** A request that does not start with '*' (0-db closes the connection). */
        NOT_AN_ARRAY("Malformed request, array expected"),
        /** {@code *0}. */
        MISSING_ARGUMENTS("Missing arguments"),
        /** More arguments than the limit. */
        TOO_MANY_ARGUMENTS("Too many arguments"),
        /** An argument that is not a bulk string. */
        NOT_A_BULK_STRING("Malformed query string"),
        /** An argument (or the whole request) over its size limit (0-db closes the connection). */
        PAYLOAD_TOO_BIG("Payload too big"),
        /** A reply over one of the client's limits. */
        REPLY_TOO_LARGE(null),
        /** Anything else: bad digits, negative lengths, missing CRLF, unknown types. */
        MALFORMED(null);

        private final String zdbReply;

        Violation(String zdbReply) {
            this.zdbReply = zdbReply;
        }

        /** 0-db's reply text for this breach, if it has one. */
        public java.util.Optional<String> zdbReply() {
            return java.util.Optional.ofNullable(zdbReply);
        }
    }

    private final Violation violation;

    public RespProtocolException(Violation violation, String message) {
        super(ExitCode.ERROR, message);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    public Violation violation() {
        return violation;
    }

    /** A byte for an error message: printable ASCII as itself, anything else as {@code \xNN}. */
    static String describe(int b) {
        int v = b & 0xFF;
        if (v >= 0x20 && v < 0x7F && v != '\'') {
            return "'" + (char) v + "'";
        }
        return String.format("'\\x%02x'", v);
    }
}
