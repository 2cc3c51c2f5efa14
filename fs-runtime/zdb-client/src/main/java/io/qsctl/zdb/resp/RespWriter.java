package io.qsctl.zdb.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes RESP into a {@link ByteSink}: replies for the server, requests for the client. Every
 * method appends; nothing is flushed here. Numbers are written digit by digit, so encoding
 * allocates nothing once the sink is large enough.
 *
 * <p>Not thread-safe; one writer per connection.
 */
public final class RespWriter {

    private final ByteSink sink;

    public RespWriter() {
        this(new ByteSink());
    }

    public RespWriter(ByteSink sink) {
        this.sink = sink;
    }

    public ByteSink sink() {
        return sink;
    }

    /** {@code +OK}. */
    public RespWriter ok() {
        return simpleString("OK");
    }

    /**
     * {@code +text}. The text must not contain CR or LF (a simple string cannot carry them).
     *
     * @throws IllegalArgumentException if it does
     */
    public RespWriter simpleString(String text) {
        sink.write('+');
        writeLine(text, false);
        return crlf();
    }

    /**
     * {@code -message}, the way 0-db answers errors (it uses no error prefix like Redis' ERR, so
     * none is added). CR and LF in the message become spaces: an error must stay on one line.
     */
    public RespWriter error(String message) {
        sink.write('-');
        writeLine(message, true);
        return crlf();
    }

    /** {@code :n}. */
    public RespWriter integer(long value) {
        sink.write(':').writeDecimal(value);
        return crlf();
    }

    /** {@code $n\r\n<bytes>\r\n}. */
    public RespWriter bulk(byte[] value) {
        return bulk(value, 0, value.length);
    }

    /** A bulk string of {@code length} bytes of {@code array} from {@code offset}. */
    public RespWriter bulk(byte[] array, int offset, int length) {
        bulkHeader(length);
        sink.write(array, offset, length);
        return crlf();
    }

    /** A bulk string of the buffer's remaining bytes; its position does not move. */
    public RespWriter bulk(ByteBuffer value) {
        bulkHeader(value.remaining());
        sink.write(value);
        return crlf();
    }

    /** A bulk string of the UTF-8 bytes of {@code text}. */
    public RespWriter bulk(String text) {
        return bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Only the {@code $n\r\n} of a bulk string, for a caller that writes the payload itself
     * (straight from a file, say) and then {@link #crlf()}.
     */
    public RespWriter bulkHeader(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("bulk length must not be negative: " + length);
        }
        sink.write('$').writeDecimal(length);
        return crlf();
    }

    /** {@code $-1}: the nil 0-db answers for a missing key. */
    public RespWriter nilBulk() {
        sink.write('$').write('-').write('1');
        return crlf();
    }

    /** {@code *n}, to be followed by n values. */
    public RespWriter arrayHeader(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("array length must not be negative: " + count);
        }
        sink.write('*').writeDecimal(count);
        return crlf();
    }

    /** {@code *-1}. */
    public RespWriter nilArray() {
        sink.write('*').write('-').write('1');
        return crlf();
    }

    /** A request: an array of bulk strings, one per argument. */
    public RespWriter request(byte[]... args) {
        arrayHeader(args.length);
        for (byte[] arg : args) {
            bulk(arg);
        }
        return this;
    }

    /** A request whose arguments are the UTF-8 bytes of the strings. */
    public RespWriter request(String... args) {
        arrayHeader(args.length);
        for (String arg : args) {
            bulk(arg);
        }
        return this;
    }

    /** Ends a line. */
    public RespWriter crlf() {
        sink.write('\r').write('\n');
        return this;
    }

    private void writeLine(String text, boolean replaceLineBreaks) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // rare: fall back to an allocating encoder for the rest of the line
                writeUtf8Line(text.substring(i), replaceLineBreaks);
                return;
            }
            sink.write(checkedLineChar(c, replaceLineBreaks));
        }
    }

    private void writeUtf8Line(String text, boolean replaceLineBreaks) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            sink.write(checkedLineChar((char) (b & 0xFF), replaceLineBreaks));
        }
    }

    private static char checkedLineChar(char c, boolean replaceLineBreaks) {
        if (c == '\r' || c == '\n') {
            if (!replaceLineBreaks) {
                throw new IllegalArgumentException("a simple string cannot contain CR or LF");
            }
            return ' ';
        }
        return c;
    }
}
