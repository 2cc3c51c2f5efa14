package io.qsctl.zdb.resp;

import io.qsctl.zdb.resp.RespProtocolException.Violation;
import java.nio.ByteBuffer;

/**
 * Parses requests, the way 0-db accepts them: only RESP arrays of bulk strings
 * ({@code *N\r\n$len\r\nbytes\r\n...}), never inline commands.
 *
 * <p>Incremental and allocation-free. Call {@link #parse} whenever bytes arrived; it answers
 * {@link Status#COMPLETE} with the request in {@code out} and {@code in.position()} moved past it,
 * or {@link Status#NEED_MORE} with the position unchanged. Between a NEED_MORE and the next call
 * the parser remembers how far it got (relative to the request start), so a client that drips one
 * byte at a time costs linear work, and a large bulk is never rescanned: {@link #bytesNeeded()}
 * says how many more bytes must arrive before calling again is worth it, and
 * {@link #requiredBytes()} how large the buffer must be (counted from the request start) to hold
 * them. The caller may compact or grow the buffer between calls as long as the bytes from the
 * request start on are kept; if it starts over on other bytes it must call {@link #reset()}.
 *
 * <p>Limits are enforced as soon as the number is read, before anything is buffered: a client
 * announcing a 1 GB bulk is refused on its length line. Length lines are bounded
 * ({@value #MAX_LENGTH_LINE} bytes), so a stream without CRLF is refused early too. Violations
 * throw {@link RespProtocolException}, after which the parser is reset; the stream itself cannot
 * be resynchronised.
 *
 * <p>Not thread-safe: one parser per connection.
 */
public final class RespRequestParser {

    /** 0-db's limit on arguments per request (zdbd/redis.c). */
    public static final int DEFAULT_MAX_ARGS = 1024;
    /** 0-db's limit on one argument, {@code REDIS_MAX_PAYLOAD}: 8 MiB. */
    public static final int DEFAULT_MAX_ARG_LENGTH = 8 * 1024 * 1024;
    /**
     * Longest length line, prefix and CR included ({@code $} + 18 digits + CR). Room for leading
     * zeros, none for a stream of garbage.
     */
    public static final int MAX_LENGTH_LINE = 20;

    /** What {@link #parse} found. */
    public enum Status {
        /** A whole request is in {@code out}; the buffer's position is past it. */
        COMPLETE,
        /** The request is not all there yet; the buffer's position is unchanged. */
        NEED_MORE
    }

    private final int maxArgs;
    private final int maxArgLength;
    private final int maxRequestLength;
    private final int[] offsets;
    private final int[] lengths;

    // Resumable state, all relative to the request start (the buffer's position).
    private int argCount;
    private int argIndex;
    private int cursor;
    private int bulkLength = -1;
    private int bytesNeeded = 1;
    private int requiredBytes = 1;

    /** With 0-db's limits: 1024 arguments of at most 8 MiB each. */
    public RespRequestParser() {
        this(DEFAULT_MAX_ARGS, DEFAULT_MAX_ARG_LENGTH);
    }

    /**
     * With the given limits, and a whole request bounded to two full arguments plus 64 KiB (no
     * 0-db command carries two large arguments; the server must buffer a whole request).
     */
    public RespRequestParser(int maxArgs, int maxArgLength) {
        this(maxArgs, maxArgLength, defaultMaxRequestLength(maxArgLength));
    }

    /**
     * @param maxArgs most arguments in one request, the command name included
     * @param maxArgLength most bytes in one argument
     * @param maxRequestLength most bytes in one whole request, framing included
     */
    public RespRequestParser(int maxArgs, int maxArgLength, int maxRequestLength) {
        if (maxArgs < 1) {
            throw new IllegalArgumentException("maxArgs must be at least 1: " + maxArgs);
        }
        if (maxArgLength < 0) {
            throw new IllegalArgumentException("maxArgLength must not be negative: " + maxArgLength);
        }
        if (maxRequestLength < 4 || maxRequestLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxRequestLength out of range: " + maxRequestLength);
        }
        this.maxArgs = maxArgs;
        this.maxArgLength = maxArgLength;
        this.maxRequestLength = maxRequestLength;
        this.offsets = new int[maxArgs];
        this.lengths = new int[maxArgs];
    }

    private static int defaultMaxRequestLength(int maxArgLength) {
        long length = 2L * maxArgLength + 64 * 1024;
        return (int) Math.min(length, Integer.MAX_VALUE - 8);
    }

    public int maxArgs() {
        return maxArgs;
    }

    public int maxArgLength() {
        return maxArgLength;
    }

    public int maxRequestLength() {
        return maxRequestLength;
    }

    /**
     * Parses the request starting at {@code in.position()}.
     *
     * @throws RespProtocolException if the bytes are not a valid request within the limits
     * @throws IllegalStateException if the buffer holds fewer bytes than a previous call already
     *     examined (the caller dropped bytes without calling {@link #reset()})
     */
    public Status parse(ByteBuffer in, RespRequest out) {
        int base = in.position();
        int available = in.remaining();
        if (available < cursor) {
            throw new IllegalStateException("the buffer lost bytes of a partly parsed request; call reset() first");
        }
        try {
            if (argCount == 0) {
                long count = readLength(in, base, available, (byte) '*', maxArgs);
                if (count < 0) {
                    return needMore(available, 1);
                }
                argCount = (int) count;
            }
            while (argIndex < argCount) {
                if (bulkLength < 0) {
                    long length = readLength(in, base, available, (byte) '$', maxArgLength);
                    if (length < 0) {
                        return needMore(available, 1);
                    }
                    if (cursor + length + 2 > maxRequestLength) {
                        throw new RespProtocolException(Violation.PAYLOAD_TOO_BIG, "Protocol error: request larger than " + maxRequestLength + " bytes");
                    }
                    bulkLength = (int) length;
                }
                int end = cursor + bulkLength + 2;
                if (end > available) {
                    return needMore(available, end - available);
                }
                if (in.get(base + end - 2) != '\r' || in.get(base + end - 1) != '\n') {
                    throw new RespProtocolException(Violation.MALFORMED, "Protocol error: expected CRLF after a bulk of " + bulkLength + " bytes");
                }
                offsets[argIndex] = cursor;
                lengths[argIndex] = bulkLength;
                argIndex++;
                cursor = end;
                bulkLength = -1;
            }
            out.fill(in, base, argCount, offsets, lengths);
            in.position(base + cursor);
            reset();
            return Status.COMPLETE;
        } catch (RespProtocolException e) {
            reset();
            throw e;
        }
    }

    /**
     * After {@link Status#NEED_MORE}: how many bytes beyond those the buffer held must arrive
     * before another call can make progress. At most {@code maxArgLength + 2}.
     */
    public int bytesNeeded() {
        return bytesNeeded;
    }

    /**
     * After {@link Status#NEED_MORE}: how many bytes, counted from the request start, the buffer
     * must hold for the next call to make progress; a server grows its buffer to this, so a large
     * bulk fits exactly.
     */
    public int requiredBytes() {
        return requiredBytes;
    }

    /** Whether part of a request has been seen and the rest is awaited. */
    public boolean inProgress() {
        return cursor > 0;
    }

    /** Forgets a partly parsed request. */
    public void reset() {
        argCount = 0;
        argIndex = 0;
        cursor = 0;
        bulkLength = -1;
        bytesNeeded = 1;
        requiredBytes = 1;
    }

    private Status needMore(int available, int missing) {
        bytesNeeded = missing;
        requiredBytes = available + missing;
        return Status.NEED_MORE;
    }

    /**
     * Reads a {@code <prefix><digits>\r\n} line at the cursor and moves the cursor past it.
     * Returns -1 if the line is not complete yet (the cursor stays at its start).
     */
    private long readLength(ByteBuffer in, int base, int available, byte prefix, int max) {
        int start = cursor;
        int at = start;
        if (at >= available) {
            return -1;
        }
        byte first = in.get(base + at);
        if (first != prefix) {
            throw new RespProtocolException(prefix == '*' ? Violation.NOT_AN_ARRAY : Violation.NOT_A_BULK_STRING,
                    "Protocol error: expected '" + (char) prefix + "', got "
                    + RespProtocolException.describe(first));
        }
        at++;
        long value = 0;
        int digits = 0;
        while (true) {
            if (at - start >= MAX_LENGTH_LINE) {
                throw new RespProtocolException(Violation.MALFORMED, "Protocol error: length line longer than " + MAX_LENGTH_LINE + " bytes");
            }
            if (at >= available) {
                return -1;
            }
            byte b = in.get(base + at);
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits++;
                if (value > max) {
                    throw overLimit(prefix, max);
                }
                at++;
            } else if (b == '\r' && digits > 0) {
                break;
            } else if (b == '-' && digits == 0) {
                throw new RespProtocolException(Violation.MALFORMED, prefix == '*'
                        ? "Protocol error: negative argument count"
                        : "Protocol error: negative bulk length");
            } else {
                throw new RespProtocolException(Violation.MALFORMED, "Protocol error: expected a digit in the "
                        + (prefix == '*' ? "argument count" : "bulk length") + ", got " + RespProtocolException.describe(b));
            }
        }
        if (at + 1 >= available) {
            return -1;
        }
        byte lf = in.get(base + at + 1);
        if (lf != '\n') {
            throw new RespProtocolException(Violation.MALFORMED, "Protocol error: expected LF after CR, got " + RespProtocolException.describe(lf));
        }
        if (prefix == '*' && value == 0) {
            throw new RespProtocolException(Violation.MISSING_ARGUMENTS, "Protocol error: a request needs at least one argument");
        }
        cursor = at + 2;
        return value;
    }

    private static RespProtocolException overLimit(byte prefix, int max) {
        return prefix == '*'
                ? new RespProtocolException(Violation.TOO_MANY_ARGUMENTS, "Protocol error: more than " + max + " arguments")
                : new RespProtocolException(Violation.PAYLOAD_TOO_BIG, "Protocol error: bulk longer than " + max + " bytes");
    }
}
