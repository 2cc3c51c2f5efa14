package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;

/** Reading typed values out of replies, with the errors worded once. */
final class Replies {

    private Replies() {}

    static ZdbServerException refused(Call.Where where, Reply.Error error) {
        return new ZdbServerException(where + " refused: " + error.message(), error.message());
    }

    static ZdbProtocolException unexpected(Call.Where where, Reply reply, String expected) {
        return new ZdbProtocolException(where + ": expected " + expected + ", got " + reply);
    }

    /** Throws for an error reply, else returns it. */
    static Reply checked(Reply reply, Call.Where where) {
        if (reply instanceof Reply.Error error) {
            throw refused(where, error);
        }
        return reply;
    }

    static void ok(Reply reply, Call.Where where) {
        if (!(checked(reply, where) instanceof Reply.SimpleString)) {
            throw unexpected(where, reply, "a status reply");
        }
    }

    static String status(Reply reply, Call.Where where) {
        if (checked(reply, where) instanceof Reply.SimpleString s) {
            return s.value();
        }
        throw unexpected(where, reply, "a status reply");
    }

    static Optional<byte[]> bulkOrNil(Reply reply, Call.Where where) {
        Reply r = checked(reply, where);
        if (r instanceof Reply.Bulk bulk) {
            return Optional.of(bulk.value());
        }
        if (r instanceof Reply.Nil) {
            return Optional.empty();
        }
        throw unexpected(where, reply, "a bulk string or nil");
    }

    static byte[] bulk(Reply reply, Call.Where where) {
        if (checked(reply, where) instanceof Reply.Bulk bulk) {
            return bulk.value();
        }
        throw unexpected(where, reply, "a bulk string");
    }

    static String text(Reply reply, Call.Where where) {
        return new String(bulk(reply, where), StandardCharsets.UTF_8);
    }

    static long integer(Reply reply, Call.Where where) {
        Reply r = checked(reply, where);
        if (r instanceof Reply.Integer i) {
            return i.value();
        }
        if (r instanceof Reply.Bulk bulk) {
            // HISTORY sends its timestamp as a bulk of digits
            try {
                return Long.parseLong(bulk.asString());
            } catch (NumberFormatException e) {
                throw unexpected(where, reply, "a number");
            }
        }
        throw unexpected(where, reply, "an integer");
    }

    static OptionalLong integerOrNil(Reply reply, Call.Where where) {
        if (checked(reply, where) instanceof Reply.Nil) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(integer(reply, where));
    }

    static Reply.Array array(Reply reply, Call.Where where) {
        if (checked(reply, where) instanceof Reply.Array array) {
            return array;
        }
        throw unexpected(where, reply, "an array");
    }

    /** Whether this is the error reply {@code message}: how 0-db says "not found" for some commands. */
    static boolean isError(Reply reply, String message) {
        return reply instanceof Reply.Error error && error.message().equals(message);
    }
}
