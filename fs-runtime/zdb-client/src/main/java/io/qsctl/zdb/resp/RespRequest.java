package io.qsctl.zdb.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One parsed request: the argument count and, for each argument, where its bytes are in the
 * buffer the parser read. The holder is meant to be reused for every request of a connection, so
 * parsing allocates nothing once its arrays are large enough.
 *
 * <p>Arguments are views, not copies: they stay valid only until the caller compacts, refills or
 * replaces the buffer. Copy what must outlive that ({@link #copyArg(int)}).
 *
 * <p>Offsets are absolute indexes into {@link #buffer()} (what {@link ByteBuffer#get(int)} takes).
 * For a heap buffer the same bytes are at {@link #arrayOffset(int)} in {@link #array()}.
 *
 * <p>Not thread-safe; a request belongs to the thread serving its connection.
 */
public final class RespRequest {

    private ByteBuffer buffer;
    private int count;
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];

    /** Called by the parser once a request is complete; copies only {@code count} entries. */
    void fill(ByteBuffer source, int base, int argCount, int[] relativeOffsets, int[] argLengths) {
        if (offsets.length < argCount) {
            int capacity = Math.max(argCount, offsets.length * 2);
            offsets = new int[capacity];
            lengths = new int[capacity];
        }
        for (int i = 0; i < argCount; i++) {
            offsets[i] = base + relativeOffsets[i];
            lengths[i] = argLengths[i];
        }
        buffer = source;
        count = argCount;
    }

    /** Forgets the current request (drops the reference to the buffer). */
    public void clear() {
        buffer = null;
        count = 0;
    }

    /** Number of arguments, the command name included; 0 before the first request. */
    public int count() {
        return count;
    }

    /** The buffer the arguments point into. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Absolute index of argument {@code i} in {@link #buffer()}. */
    public int offset(int i) {
        checkIndex(i);
        return offsets[i];
    }

    /** Length in bytes of argument {@code i}; 0 for an empty bulk. */
    public int length(int i) {
        checkIndex(i);
        return lengths[i];
    }

    /** Whether the arguments can be read straight from {@link #array()} (heap buffers). */
    public boolean hasArray() {
        return buffer != null && buffer.hasArray();
    }

    /** The heap buffer's backing array; use with {@link #arrayOffset(int)}. */
    public byte[] array() {
        if (!hasArray()) {
            throw new UnsupportedOperationException("request was parsed from a buffer without an accessible array");
        }
        return buffer.array();
    }

    /** Index of argument {@code i} in {@link #array()}. */
    public int arrayOffset(int i) {
        return buffer.arrayOffset() + offset(i);
    }

    /** One byte of argument {@code i}. */
    public byte byteAt(int i, int index) {
        if (index < 0 || index >= length(i)) {
            throw new IndexOutOfBoundsException("byte " + index + " of an argument of " + length(i) + " bytes");
        }
        return buffer.get(offsets[i] + index);
    }

    /**
     * Whether argument {@code i} is {@code asciiUpperCaseName}, ignoring the case of ASCII letters
     * in the argument: the way to match a command name without allocating. The name must be
     * given in upper case.
     */
    public boolean argEquals(int i, String asciiUpperCaseName) {
        int length = length(i);
        if (length != asciiUpperCaseName.length()) {
            return false;
        }
        int at = offsets[i];
        for (int j = 0; j < length; j++) {
            int b = buffer.get(at + j);
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != asciiUpperCaseName.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Whether argument {@code i} is exactly these bytes. */
    public boolean argEquals(int i, byte[] expected) {
        int length = length(i);
        if (length != expected.length) {
            return false;
        }
        int at = offsets[i];
        for (int j = 0; j < length; j++) {
            if (buffer.get(at + j) != expected[j]) {
                return false;
            }
        }
        return true;
    }

    /** A copy of argument {@code i}, for what must outlive the buffer. */
    public byte[] copyArg(int i) {
        byte[] copy = new byte[length(i)];
        buffer.get(offsets[i], copy);
        return copy;
    }

    /** Copies argument {@code i} into {@code target} at its position, advancing it. */
    public void copyArgTo(int i, ByteBuffer target) {
        target.put(buffer.slice(offsets[i], length(i)));
    }

    /** Argument {@code i} decoded as UTF-8 (malformed bytes become U+FFFD). Allocates. */
    public String argAsString(int i) {
        if (hasArray()) {
            return new String(buffer.array(), arrayOffset(i), length(i), StandardCharsets.UTF_8);
        }
        return new String(copyArg(i), StandardCharsets.UTF_8);
    }

    /**
     * Argument {@code i} as a signed decimal integer, parsed without allocating.
     *
     * @throws NumberFormatException if it is empty, has anything but an optional leading '-' and
     *     digits, or does not fit in a long
     */
    public long argAsLong(int i) {
        int length = length(i);
        int at = offsets[i];
        if (length == 0) {
            throw new NumberFormatException("empty argument is not a number");
        }
        boolean negative = buffer.get(at) == '-';
        int start = negative ? 1 : 0;
        if (start == length) {
            throw new NumberFormatException("'-' alone is not a number");
        }
        // accumulate negatively so that Long.MIN_VALUE parses too
        long value = 0;
        for (int j = start; j < length; j++) {
            int digit = buffer.get(at + j) - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException("argument " + i + " is not a decimal integer");
            }
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new NumberFormatException("argument " + i + " does not fit in a long");
            }
            value = value * 10 - digit;
        }
        if (negative) {
            return value;
        }
        if (value == Long.MIN_VALUE) {
            throw new NumberFormatException("argument " + i + " does not fit in a long");
        }
        return -value;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("argument " + i + " of a request with " + count);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("RespRequest[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(' ');
            }
            if (i > 0 && lengths[i] > 64) {
                out.append('<').append(lengths[i]).append(" bytes>");
            } else {
                out.append(Printable.of(buffer, offsets[i], lengths[i]));
            }
        }
        return out.append(']').toString();
    }
}
