package io.qsctl.zdb.resp;

import java.nio.ByteBuffer;

/** Renders binary keys and values for logs and toString: printable ASCII as is, the rest as {@code \xNN}. */
public final class Printable {

    private static final int MAX_SHOWN = 64;

    private Printable() {}

    /** {@code bytes} quoted, shortened after 64 bytes with the total length noted. */
    public static String of(byte[] bytes) {
        return of(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    static String of(ByteBuffer buffer, int offset, int length) {
        StringBuilder out = new StringBuilder(Math.min(length, MAX_SHOWN) + 8).append('"');
        int shown = Math.min(length, MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            int b = buffer.get(offset + i) & 0xFF;
            if (b == '"' || b == '\\') {
                out.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7F) {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        out.append('"');
        if (shown < length) {
            out.append("...(").append(length).append(" bytes)");
        }
        return out.toString();
    }
}
