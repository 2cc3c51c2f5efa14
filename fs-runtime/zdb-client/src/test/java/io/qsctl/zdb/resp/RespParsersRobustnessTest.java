package io.qsctl.zdb.resp;

import io.qsctl.testing.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes a peer sends, in whatever pieces, the parsers answer with a request or reply, a
 * request for more bytes, or a {@link RespProtocolException}: nothing else is thrown, no call
 * loops, and no call asks the caller to buffer more than one argument (or reply bulk) plus a few
 * bytes of framing.
 *
 * <p>Inputs are grown from each case's seeded {@link Random} (see {@link RandomCases}; a failure
 * names the seed, and {@code -Dqsctl.test.seed} replays it): valid requests and replies with
 * binary content, then truncated, bit-flipped, spliced with RESP-significant bytes, given huge or
 * negative lengths, stripped of CR or LF; and random bytes, plain or drawn from the RESP alphabet,
 * the random-byte properties starting with every type marker followed by every hostile length.
 * Each input is delivered whole, one byte at a time and in random chunks, to parsers with tight
 * limits (so limits are hit) and with 0-db's. 105,000 inputs in all.
 */
class RespParsersRobustnessTest {

    private static final byte[] SPECIAL = "*$:+-\r\n0123456789x\u0000".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] LENGTHS = {"1073741824", "-1", "-7", "99999999999999999999999", "0", "8388609",
            "00000000000000000000001", "9223372036854775808", "", "2147483648", "65"};

    private static final int SMALL_ARGS = 6;
    private static final int SMALL_ARG_LENGTH = 48;
    private static final int SMALL_REQUEST_LENGTH = 120;
    private static final int SMALL_BULK = 48;

    /** Every type marker and every hostile length, with and without CR LF; then nothing, CR LF, CR, LF. */
    private static final List<byte[]> HOSTILE_HEADERS = hostileHeaders();

    @Test
    void requestParserSurvivesMutatedRequests() {
        RandomCases.check("requestParserSurvivesMutatedRequests", 40_000,
                (random, i) -> checkRequestParsers(mutate(validRequests(random), random), random));
    }

    @Test
    void requestParserSurvivesRandomBytes() {
        RandomCases.check("requestParserSurvivesRandomBytes", 20_000,
                (random, i) -> checkRequestParsers(hostileHeaderOrRandomBytes(random, i), random));
    }

    @Test
    void replyParserSurvivesMutatedReplies() {
        RandomCases.check("replyParserSurvivesMutatedReplies", 30_000,
                (random, i) -> checkReplyParsers(mutate(validReplies(random), random), random));
    }

    @Test
    void replyParserSurvivesRandomBytes() {
        RandomCases.check("replyParserSurvivesRandomBytes", 15_000,
                (random, i) -> checkReplyParsers(hostileHeaderOrRandomBytes(random, i), random));
    }

    private static byte[] hostileHeaderOrRandomBytes(Random random, int i) {
        return i < HOSTILE_HEADERS.size() ? HOSTILE_HEADERS.get(i) : randomBytes(random);
    }

    private static List<byte[]> hostileHeaders() {
        List<byte[]> headers = new ArrayList<>();
        for (String marker : List.of("*", "$", ":", "+", "-")) {
            for (String length : LENGTHS) {
                headers.add(ascii(marker + length));
                headers.add(ascii(marker + length + "\r\n"));
            }
        }
        headers.add(new byte[0]);
        headers.add(ascii("\r\n"));
        headers.add(ascii("\r"));
        headers.add(ascii("\n"));
        return List.copyOf(headers);
    }

    // --- request side ---

    private static void checkRequestParsers(byte[] input, Random random) {
        for (RespRequestParser parser : List.of(new RespRequestParser(SMALL_ARGS, SMALL_ARG_LENGTH, SMALL_REQUEST_LENGTH),
                new RespRequestParser())) {
            deliverRequests(parser, input, input.length);
            deliverRequests(parser, input, 1);
            deliverRequests(parser, input, 1 + random.nextInt(16));
        }
    }

    /** Feeds {@code input} in chunks the way a server loop would, compacting between reads. */
    private static void deliverRequests(RespRequestParser parser, byte[] input, int chunk) {
        parser.reset();
        RespRequest request = new RespRequest();
        ByteBuffer buffer = ByteBuffer.allocate(input.length + 1).flip();
        int fed = 0;
        int calls = 0;
        try {
            while (fed < input.length) {
                int n = Math.min(chunk, input.length - fed);
                buffer.compact().put(input, fed, n).flip();
                fed += n;
                while (true) {
                    calls++;
                    assertThat(calls).as("parse calls").isLessThanOrEqualTo(2 * input.length + 4);
                    int before = buffer.position();
                    if (parser.parse(buffer, request) == RespRequestParser.Status.NEED_MORE) {
                        assertThat(buffer.position()).isEqualTo(before);
                        assertThat(parser.bytesNeeded()).isBetween(1, parser.maxArgLength() + 2);
                        assertThat(parser.requiredBytes())
                                .isLessThanOrEqualTo(parser.maxRequestLength() + RespRequestParser.MAX_LENGTH_LINE + 2);
                        break;
                    }
                    assertThat(buffer.position()).isGreaterThan(before);
                    assertThat(request.count()).isBetween(1, parser.maxArgs());
                    for (int i = 0; i < request.count(); i++) {
                        assertThat(request.length(i)).isBetween(0, parser.maxArgLength());
                    }
                }
            }
        } catch (RespProtocolException expected) {
            assertThat(expected.getMessage()).startsWith("Protocol error: ").doesNotContain("\r", "\n");
            assertThat(parser.inProgress()).isFalse();
        }
    }

    private static byte[] validRequests(Random random) {
        RespWriter writer = new RespWriter();
        int requests = 1 + random.nextInt(3);
        for (int r = 0; r < requests; r++) {
            int count = 1 + random.nextInt(5);
            byte[][] args = new byte[count][];
            for (int i = 0; i < count; i++) {
                args[i] = binary(random, random.nextInt(10) == 0 ? 60 : 12);
            }
            writer.request(args);
        }
        return writer.sink().toByteArray();
    }

    // --- reply side ---

    private static void checkReplyParsers(byte[] input, Random random) {
        for (RespReplyParser parser : List.of(new RespReplyParser(SMALL_BULK, 8, 3, 64), new RespReplyParser())) {
            deliverReplies(parser, input, input.length);
            deliverReplies(parser, input, 1);
            deliverReplies(parser, input, 1 + random.nextInt(16));
        }
    }

    /** Feeds {@code input} through a small buffer the way the client does. */
    private static void deliverReplies(RespReplyParser parser, byte[] input, int chunk) {
        parser.reset();
        ByteBuffer buffer = ByteBuffer.allocate(input.length + 1).flip();
        int fed = 0;
        int calls = 0;
        try {
            while (fed < input.length) {
                int n = Math.min(chunk, input.length - fed);
                buffer.compact().put(input, fed, n).flip();
                fed += n;
                while (true) {
                    calls++;
                    assertThat(calls).as("parse calls").isLessThanOrEqualTo(2 * input.length + 4);
                    int before = buffer.remaining();
                    Optional<Reply> reply = parser.parse(buffer);
                    if (reply.isEmpty()) {
                        assertThat(parser.bytesNeeded()).isBetween(1, parser.maxBulkLength() + 2);
                        break;
                    }
                    assertThat(buffer.remaining()).isLessThan(before);
                }
            }
        } catch (RespProtocolException expected) {
            assertThat(expected.getMessage()).startsWith("Protocol error: ").doesNotContain("\r", "\n");
            assertThat(parser.inProgress()).isFalse();
        }
    }

    private static byte[] validReplies(Random random) {
        RespWriter writer = new RespWriter();
        int replies = 1 + random.nextInt(3);
        for (int r = 0; r < replies; r++) {
            writeReply(writer, random, 0);
        }
        return writer.sink().toByteArray();
    }

    private static void writeReply(RespWriter writer, Random random, int depth) {
        switch (random.nextInt(depth < 3 ? 7 : 6)) {
            case 0 -> writer.simpleString(random.nextBoolean() ? "OK" : "PONG");
            case 1 -> writer.error(random.nextBoolean() ? "No more data" : "Key not found");
            case 2 -> writer.integer(random.nextLong() >> random.nextInt(64));
            case 3 -> writer.bulk(binary(random, random.nextInt(8) == 0 ? 60 : 12));
            case 4 -> writer.nilBulk();
            case 5 -> writer.nilArray();
            default -> {
                int count = random.nextInt(5);
                writer.arrayHeader(count);
                for (int i = 0; i < count; i++) {
                    writeReply(writer, random, depth + 1);
                }
            }
        }
    }

    // --- inputs ---

    private static byte[] binary(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        boolean alphabet = random.nextBoolean();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = alphabet ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) random.nextInt(256);
        }
        if (alphabet && bytes.length > 0) {
            bytes[0] = random.nextBoolean() ? (byte) '*' : (byte) '$';
        }
        return bytes;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid;
        int mutations = random.nextInt(5);
        for (int m = 0; m < mutations && out.length > 0; m++) {
            int at = random.nextInt(out.length);
            out = switch (random.nextInt(8)) {
                case 0 -> java.util.Arrays.copyOf(out, at);
                case 1 -> flip(out, at, (byte) random.nextInt(256));
                case 2 -> flip(out, at, SPECIAL[random.nextInt(SPECIAL.length)]);
                case 3 -> splice(out, at, 0, ascii(LENGTHS[random.nextInt(LENGTHS.length)]));
                case 4 -> splice(out, at, 1, new byte[0]);
                case 5 -> splice(out, at, 0, binary(random, 8));
                case 6 -> splice(out, at, 0, java.util.Arrays.copyOfRange(out, at, Math.min(out.length, at + 1 + random.nextInt(20))));
                default -> replaceLength(out, random);
            };
        }
        return out;
    }

    /** Replaces the digits after one '$' or '*' with a hostile length. */
    private static byte[] replaceLength(byte[] in, Random random) {
        List<Integer> markers = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '$' || in[i] == '*') {
                markers.add(i);
            }
        }
        if (markers.isEmpty()) {
            return in;
        }
        int at = markers.get(random.nextInt(markers.size())) + 1;
        int end = at;
        while (end < in.length && (in[end] == '-' || (in[end] >= '0' && in[end] <= '9'))) {
            end++;
        }
        return splice(in, at, end - at, ascii(LENGTHS[random.nextInt(LENGTHS.length)]));
    }

    private static byte[] flip(byte[] in, int at, byte value) {
        byte[] out = in.clone();
        out[at] = value;
        return out;
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        int removed = Math.min(remove, in.length - at);
        byte[] out = new byte[in.length - removed + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + removed, out, at + insert.length, in.length - at - removed);
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
