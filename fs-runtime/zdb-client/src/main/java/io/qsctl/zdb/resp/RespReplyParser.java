package io.qsctl.zdb.resp;

import io.qsctl.zdb.resp.RespProtocolException.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Parses replies on the client side, incrementally: feed it whatever the socket gave,
 * {@link #parse} answers the next complete {@link Reply} or empty when it needs more bytes.
 *
 * <p>Unlike the request parser this one consumes as it goes: finished elements of an array and
 * the arrived part of a bulk are taken out of the buffer (the position moves) and kept here, so
 * the caller's buffer can stay small while an 8 MiB value or a long SCAN page arrives. Only an
 * incomplete line is left in the buffer; the parser remembers how far it already looked for its
 * end, so a server dripping bytes costs linear work.
 *
 * <p>Limits protect the client from a broken or hostile server, and are checked on the length
 * line, before anything is allocated: bulk length ({@link #DEFAULT_MAX_BULK_LENGTH} by default),
 * array length, nesting depth and the length of status and error lines. Violations throw
 * {@link RespProtocolException}; the connection must then be dropped.
 *
 * <p>Not thread-safe: one parser per connection.
 */
public final class RespReplyParser {

    public static final int DEFAULT_MAX_BULK_LENGTH = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_ARRAY_LENGTH = 1 << 20;
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    /** Longest integer or length line: type byte, sign, 19 digits. */
    static final int MAX_NUMBER_LINE = 21;

    private final int maxBulkLength;
    private final int maxArrayLength;
    private final int maxDepth;
    private final int maxLineLength;

    private final Deque<Frame> stack = new ArrayDeque<>();
    private byte[] bulk;
    private int bulkFilled;
    private int bulkCrlfSeen;
    private int lineScanned;
    private int bytesNeeded = 1;
    private Reply element;

    /** What reading one line-started element did. */
    private enum Step {
        /** A whole value is in {@link #element}. */
        VALUE,
        /** The line opened a bulk or an array; its content follows. */
        OPENED,
        /** The line has not fully arrived. */
        INCOMPLETE
    }

    private static final class Frame {
        final int expected;
        final List<Reply> elements;

        Frame(int expected) {
            this.expected = expected;
            this.elements = new ArrayList<>(Math.min(expected, 1024));
        }
    }

    /** With the default limits: 16 MiB bulks, 2^20 elements per array, 32 levels, 64 KiB lines. */
    public RespReplyParser() {
        this(DEFAULT_MAX_BULK_LENGTH);
    }

    public RespReplyParser(int maxBulkLength) {
        this(maxBulkLength, DEFAULT_MAX_ARRAY_LENGTH, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LINE_LENGTH);
    }

    public RespReplyParser(int maxBulkLength, int maxArrayLength, int maxDepth, int maxLineLength) {
        if (maxBulkLength < 0 || maxArrayLength < 0 || maxDepth < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxBulkLength = maxBulkLength;
        this.maxArrayLength = maxArrayLength;
        this.maxDepth = maxDepth;
        this.maxLineLength = maxLineLength;
    }

    public int maxBulkLength() {
        return maxBulkLength;
    }

    /**
     * Reads on from {@code in.position()}.
     *
     * @return the next reply, or empty if the buffer ended first (what was usable is consumed)
     * @throws RespProtocolException if the bytes are not RESP or break a limit
     */
    public Optional<Reply> parse(ByteBuffer in) {
        try {
            while (true) {
                Reply value;
                if (bulk != null) {
                    value = continueBulk(in);
                    if (value == null) {
                        return Optional.empty();
                    }
                } else {
                    Step step = readElement(in);
                    if (step == Step.INCOMPLETE) {
                        return Optional.empty();
                    }
                    if (step == Step.OPENED) {
                        continue;
                    }
                    value = element;
                    element = null;
                }
                Reply complete = attach(value);
                if (complete != null) {
                    reset();
                    return Optional.of(complete);
                }
            }
        } catch (RespProtocolException e) {
            reset();
            throw e;
        }
    }

    /** After an empty {@link #parse}: how many more bytes at least must arrive; at most a bulk + 2. */
    public int bytesNeeded() {
        return bytesNeeded;
    }

    /** Whether part of a reply has been consumed and the rest is awaited. */
    public boolean inProgress() {
        return bulk != null || !stack.isEmpty() || lineScanned > 0;
    }

    /** Forgets a partly read reply. */
    public void reset() {
        stack.clear();
        bulk = null;
        bulkFilled = 0;
        bulkCrlfSeen = 0;
        lineScanned = 0;
        bytesNeeded = 1;
        element = null;
    }

    /** Adds a finished value to the open arrays; returns the outermost reply once it is whole. */
    private Reply attach(Reply value) {
        Reply current = value;
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            top.elements.add(current);
            if (top.elements.size() < top.expected) {
                return null;
            }
            stack.pop();
            current = new Reply.Array(top.elements);
        }
        return current;
    }

    private Reply continueBulk(ByteBuffer in) {
        int take = Math.min(in.remaining(), bulk.length - bulkFilled);
        in.get(bulk, bulkFilled, take);
        bulkFilled += take;
        while (bulkFilled == bulk.length && bulkCrlfSeen < 2) {
            if (!in.hasRemaining()) {
                break;
            }
            byte b = in.get();
            byte expected = bulkCrlfSeen == 0 ? (byte) '\r' : (byte) '\n';
            if (b != expected) {
                throw new RespProtocolException(Violation.MALFORMED, "Protocol error: expected CRLF after a bulk of " + bulk.length
                        + " bytes, got " + RespProtocolException.describe(b));
            }
            bulkCrlfSeen++;
        }
        if (bulkCrlfSeen < 2) {
            bytesNeeded = (bulk.length - bulkFilled) + (2 - bulkCrlfSeen);
            return null;
        }
        Reply value = new Reply.Bulk(bulk);
        bulk = null;
        bulkFilled = 0;
        bulkCrlfSeen = 0;
        return value;
    }

    /** Reads one line-started element; a finished value goes to {@link #element}. */
    private Step readElement(ByteBuffer in) {
        int start = in.position();
        if (!in.hasRemaining()) {
            bytesNeeded = 1;
            return Step.INCOMPLETE;
        }
        byte type = in.get(start);
        int limit = switch (type) {
            case '+', '-' -> maxLineLength;
            case ':', '$', '*' -> MAX_NUMBER_LINE;
            default -> throw new RespProtocolException(Violation.MALFORMED, "Protocol error: unknown reply type " + RespProtocolException.describe(type));
        };
        int cr = findLineEnd(in, start, limit);
        if (cr < 0) {
            bytesNeeded = 1;
            return Step.INCOMPLETE;
        }
        int next = cr + 2;
        switch (type) {
            case '+' -> {
                in.position(next);
                return value(new Reply.SimpleString(text(in, start + 1, cr)));
            }
            case '-' -> {
                in.position(next);
                return value(new Reply.Error(text(in, start + 1, cr)));
            }
            case ':' -> {
                long value = number(in, start + 1, cr);
                in.position(next);
                return value(new Reply.Integer(value));
            }
            case '$' -> {
                long length = number(in, start + 1, cr);
                in.position(next);
                if (length == -1) {
                    return value(Reply.Nil.INSTANCE);
                }
                if (length < -1) {
                    throw new RespProtocolException(Violation.MALFORMED, "Protocol error: invalid bulk length " + length);
                }
                if (length > maxBulkLength) {
                    throw new RespProtocolException(Violation.REPLY_TOO_LARGE, "Protocol error: bulk of " + length + " bytes is over the limit of "
                            + maxBulkLength);
                }
                bulk = new byte[(int) length];
                bulkFilled = 0;
                bulkCrlfSeen = 0;
                return Step.OPENED;
            }
            default -> {
                long length = number(in, start + 1, cr);
                in.position(next);
                if (length == -1) {
                    return value(Reply.Nil.INSTANCE);
                }
                if (length < -1) {
                    throw new RespProtocolException(Violation.MALFORMED, "Protocol error: invalid array length " + length);
                }
                if (length > maxArrayLength) {
                    throw new RespProtocolException(Violation.REPLY_TOO_LARGE, "Protocol error: array of " + length + " elements is over the limit of "
                            + maxArrayLength);
                }
                if (length == 0) {
                    return value(new Reply.Array(List.of()));
                }
                if (stack.size() >= maxDepth) {
                    throw new RespProtocolException(Violation.REPLY_TOO_LARGE, "Protocol error: arrays nested deeper than " + maxDepth);
                }
                stack.push(new Frame((int) length));
                return Step.OPENED;
            }
        }
    }

    private Step value(Reply value) {
        element = value;
        return Step.VALUE;
    }

    /** Index of the CR ending the line at {@code start}, or -1 if it has not arrived yet. */
    private int findLineEnd(ByteBuffer in, int start, int maxLength) {
        int end = in.limit();
        int at = start + Math.max(lineScanned, 1);
        while (at < end) {
            if (at - start > maxLength) {
                throw new RespProtocolException(Violation.REPLY_TOO_LARGE, "Protocol error: reply line longer than " + maxLength + " bytes");
            }
            byte b = in.get(at);
            if (b == '\r') {
                if (at + 1 >= end) {
                    break;
                }
                byte lf = in.get(at + 1);
                if (lf != '\n') {
                    throw new RespProtocolException(Violation.MALFORMED, "Protocol error: expected LF after CR, got " + RespProtocolException.describe(lf));
                }
                lineScanned = 0;
                return at;
            }
            if (b == '\n') {
                throw new RespProtocolException(Violation.MALFORMED, "Protocol error: LF without CR in a reply line");
            }
            at++;
        }
        if (at - start > maxLength) {
            throw new RespProtocolException(Violation.REPLY_TOO_LARGE, "Protocol error: reply line longer than " + maxLength + " bytes");
        }
        lineScanned = at - start;
        return -1;
    }

    private static String text(ByteBuffer in, int from, int to) {
        byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long number(ByteBuffer in, int from, int to) {
        if (from == to) {
            throw new RespProtocolException(Violation.MALFORMED, "Protocol error: empty number");
        }
        boolean negative = in.get(from) == '-';
        int at = negative ? from + 1 : from;
        if (at == to) {
            throw new RespProtocolException(Violation.MALFORMED, "Protocol error: '-' without digits");
        }
        long value = 0;
        for (; at < to; at++) {
            byte b = in.get(at);
            int digit = b - '0';
            if (digit < 0 || digit > 9) {
                throw new RespProtocolException(Violation.MALFORMED, "Protocol error: expected a digit, got " + RespProtocolException.describe(b));
            }
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new RespProtocolException(Violation.MALFORMED, "Protocol error: number out of range");
            }
            value = value * 10 - digit;
        }
        if (negative) {
            return value;
        }
        if (value == Long.MIN_VALUE) {
            throw new RespProtocolException(Violation.MALFORMED, "Protocol error: number out of range");
        }
        return -value;
    }
}
