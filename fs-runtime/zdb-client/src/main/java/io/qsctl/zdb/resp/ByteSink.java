package io.qsctl.zdb.resp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An append-only byte buffer that grows as needed: where replies and requests are encoded before
 * they go to a socket. {@link #clear()} keeps the array, so a connection's sink stops allocating
 * once it has seen its largest message; {@link #clear(int)} drops an array grown past a bound, so
 * one 8 MiB reply does not pin 8 MiB per idle connection.
 *
 * <p>Not thread-safe.
 */
public final class ByteSink {

    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private byte[] bytes;
    private int size;

    public ByteSink() {
        this(256);
    }

    public ByteSink(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + initialCapacity);
        }
        this.bytes = new byte[initialCapacity];
    }

    /** Bytes written since the last clear. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Current capacity of the backing array. */
    public int capacity() {
        return bytes.length;
    }

    /** The backing array; bytes {@code [0, size())} are the content. Valid until the next write. */
    public byte[] array() {
        return bytes;
    }

    /** A read-only view of the content (no copy); valid until the next write. */
    public ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, size).asReadOnlyBuffer();
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Empties the sink, keeping its array. */
    public void clear() {
        size = 0;
    }

    /** Empties the sink and, if its array grew past {@code maxRetained} bytes, lets it go. */
    public void clear(int maxRetained) {
        size = 0;
        if (bytes.length > maxRetained) {
            bytes = new byte[Math.max(0, maxRetained)];
        }
    }

    /** Drops the first {@code n} bytes, moving the rest to the front (after a partial socket write). */
    public void discardFirst(int n) {
        if (n < 0 || n > size) {
            throw new IndexOutOfBoundsException("discard " + n + " of " + size + " bytes");
        }
        System.arraycopy(bytes, n, bytes, 0, size - n);
        size -= n;
    }

    public ByteSink write(int b) {
        ensureSpace(1);
        bytes[size++] = (byte) b;
        return this;
    }

    public ByteSink write(byte[] source) {
        return write(source, 0, source.length);
    }

    public ByteSink write(byte[] source, int offset, int length) {
        if (offset < 0 || length < 0 || offset > source.length - length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + source.length + " bytes");
        }
        ensureSpace(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return this;
    }

    /** Appends the buffer's remaining bytes without moving its position. */
    public ByteSink write(ByteBuffer source) {
        int length = source.remaining();
        ensureSpace(length);
        source.get(source.position(), bytes, size, length);
        size += length;
        return this;
    }

    /**
     * Appends the characters of {@code text}, which must all be below 0x80: the fast path for
     * protocol words. Anything else is the caller's bug.
     */
    public ByteSink writeAscii(CharSequence text) {
        int length = text.length();
        ensureSpace(length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                throw new IllegalArgumentException("not ASCII at index " + i);
            }
            bytes[size + i] = (byte) c;
        }
        size += length;
        return this;
    }

    /** Appends {@code value} in decimal, without going through a String. */
    public ByteSink writeDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            return writeAscii("-9223372036854775808");
        }
        int digits = decimalDigits(Math.abs(value));
        int width = value < 0 ? digits + 1 : digits;
        ensureSpace(width);
        int end = size + width;
        long rest = Math.abs(value);
        int at = end;
        do {
            bytes[--at] = (byte) ('0' + (int) (rest % 10));
            rest /= 10;
        } while (rest != 0);
        if (value < 0) {
            bytes[--at] = '-';
        }
        size = end;
        return this;
    }

    /**
     * Appends {@code length} bytes that the caller fills through the returned buffer (positioned
     * at the first of them, limited to them): lets a value be read from a file straight into a
     * reply. The buffer is valid until the next write.
     */
    public ByteBuffer appendable(int length) {
        ensureSpace(length);
        ByteBuffer target = ByteBuffer.wrap(bytes, size, length);
        size += length;
        return target;
    }

    /** Forgets everything written after the first {@code newSize} bytes (a reply abandoned half-way). */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IndexOutOfBoundsException("truncate to " + newSize + " of " + size + " bytes");
        }
        size = newSize;
    }

    /** Writes the content to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    static int decimalDigits(long nonNegative) {
        long bound = 10;
        for (int digits = 1; digits < 19; digits++) {
            if (nonNegative < bound) {
                return digits;
            }
            bound *= 10;
        }
        return 19;
    }

    private void ensureSpace(int extra) {
        if (extra <= bytes.length - size) {
            return;
        }
        long needed = (long) size + extra;
        if (needed > MAX_CAPACITY) {
            throw new IllegalStateException("a sink cannot hold more than " + MAX_CAPACITY + " bytes");
        }
        long grown = Math.max(needed, Math.min((long) bytes.length * 2, MAX_CAPACITY));
        bytes = Arrays.copyOf(bytes, (int) Math.max(grown, 16));
    }
}
