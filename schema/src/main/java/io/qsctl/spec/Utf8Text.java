package io.qsctl.spec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 decoding. A spec with a byte that is not UTF-8 is refused with the line and column
 * of that byte, rather than read with a replacement character that would silently change a value.
 */
final class Utf8Text {

    private Utf8Text() {
    }

    static Optional<String> decode(byte[] bytes, Problems problems) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            problems.add(Position.START, "encoding", "the file is UTF-16; save it as UTF-8");
            return Optional.empty();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            problems.add(positionOfByte(bytes, offset), "encoding",
                    String.format("byte 0x%02X is not valid UTF-8; spec files must be UTF-8", bytes[offset] & 0xFF));
            return Optional.empty();
        }
        try {
            decoder.flush(out);
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return Optional.of(text);
    }

    /** Line and column of a byte offset, counting columns in characters of the valid prefix. */
    private static Position positionOfByte(byte[] bytes, int offset) {
        int lineStart = 0;
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String prefix;
        try {
            prefix = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes, lineStart, offset - lineStart)).toString();
        } catch (CharacterCodingException impossible) {
            prefix = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        }
        return new Position(line, prefix.codePointCount(0, prefix.length()) + 1);
    }
}
