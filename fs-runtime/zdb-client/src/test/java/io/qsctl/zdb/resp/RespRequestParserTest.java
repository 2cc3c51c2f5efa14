package io.qsctl.zdb.resp;

import static io.qsctl.zdb.resp.RespRequestParser.Status.COMPLETE;
import static io.qsctl.zdb.resp.RespRequestParser.Status.NEED_MORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RespRequestParserTest {

    private final RespRequestParser parser = new RespRequestParser();
    private final RespRequest request = new RespRequest();

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String arg(RespRequest request, int i) {
        return new String(request.copyArg(i), StandardCharsets.ISO_8859_1);
    }

    @Test
    void parsesAnArrayOfBulkStrings() {
        ByteBuffer in = bytes("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n");

        assertThat(parser.parse(in, request)).isEqualTo(COMPLETE);

        assertThat(request.count()).isEqualTo(3);
        assertThat(arg(request, 0)).isEqualTo("SET");
        assertThat(arg(request, 1)).isEqualTo("key");
        assertThat(arg(request, 2)).isEqualTo("value");
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void argumentsAreViewsIntoTheBufferNotCopies() {
        ByteBuffer in = bytes("*2\r\n$3\r\nGET\r\n$4\r\nabcd\r\n");

        parser.parse(in, request);

        assertThat(request.array()).isSameAs(in.array());
        assertThat(request.arrayOffset(1)).isEqualTo(17);
        assertThat(request.length(1)).isEqualTo(4);
        in.array()[17] = 'X';
        assertThat(arg(request, 1)).isEqualTo("Xbcd");
    }

    @Test
    void binaryArgumentsMayContainCrlfAndZeroBytes() {
        ByteBuffer in = bytes("*2\r\n$3\r\nSET\r\n$4\r\n\r\n\0\u00ff\r\n");

        assertThat(parser.parse(in, request)).isEqualTo(COMPLETE);

        assertThat(request.copyArg(1)).containsExactly('\r', '\n', 0, 0xFF);
    }

    @Test
    void anEmptyBulkIsAnEmptyArgument() {
        // seq mode: SET with an empty key asks for a new id
        ByteBuffer in = bytes("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$1\r\nv\r\n");

        assertThat(parser.parse(in, request)).isEqualTo(COMPLETE);

        assertThat(request.length(1)).isZero();
        assertThat(request.copyArg(1)).isEmpty();
    }

    @Test
    void pipelinedRequestsAreReadOneAtATime() {
        ByteBuffer in = bytes("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");

        assertThat(parser.parse(in, request)).isEqualTo(COMPLETE);
        assertThat(arg(request, 0)).isEqualTo("PING");
        assertThat(in.position()).isEqualTo(14);

        assertThat(parser.parse(in, request)).isEqualTo(COMPLETE);
        assertThat(arg(request, 0)).isEqualTo("GET");
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void anIncompleteRequestLeavesThePositionWhereItWas() {
        ByteBuffer in = bytes("xx*2\r\n$3\r\nGET\r\n$1\r");
        in.position(2);

        assertThat(parser.parse(in, request)).isEqualTo(NEED_MORE);

        assertThat(in.position()).isEqualTo(2);
        assertThat(parser.inProgress()).isTrue();
    }

    @Test
    void aRequestDeliveredOneByteAtATimeCompletesOnItsLastByte() {
        byte[] whole = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$10\r\n0123456789\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.allocate(whole.length);

        for (int i = 0; i < whole.length; i++) {
            in.put(whole[i]).flip();
            RespRequestParser.Status status = parser.parse(in, request);
            assertThat(status).isEqualTo(i == whole.length - 1 ? COMPLETE : NEED_MORE);
            if (status == NEED_MORE) {
                assertThat(in.position()).isZero();
            }
            in.position(in.limit()).limit(in.capacity());
        }

        assertThat(arg(request, 2)).isEqualTo("0123456789");
    }

    @Test
    void aLargeBulkDrippedOneByteAtATimeCostsLinearWork() {
        int size = 1 << 20;
        byte[] head = ("*2\r\n$3\r\nSET\r\n$" + size + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.allocate(head.length + size + 2);
        in.put(head).flip();
        assertThat(parser.parse(in, request)).isEqualTo(NEED_MORE);

        assertTimeout(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < size + 2; i++) {
                in.limit(in.limit() + 1);
                in.put(in.limit() - 1, i < size ? (byte) 'x' : (i == size ? (byte) '\r' : (byte) '\n'));
                assertThat(parser.parse(in, request)).isEqualTo(i == size + 1 ? COMPLETE : NEED_MORE);
            }
        });
        assertThat(request.length(1)).isEqualTo(size);
    }

    @Test
    void aPartlyArrivedBulkSaysExactlyHowManyBytesAreMissing() {
        String head = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1000000\r\n";
        ByteBuffer in = bytes(head + "x".repeat(10));

        assertThat(parser.parse(in, request)).isEqualTo(NEED_MORE);

        assertThat(parser.bytesNeeded()).isEqualTo(1_000_000 - 10 + 2);
        assertThat(parser.requiredBytes()).isEqualTo(head.length() + 1_000_000 + 2);
    }

    @Test
    void parsingResumesAfterTheCallerCompactsAndGrowsTheBuffer() {
        String head = "*2\r\n$3\r\nGET\r\n$6\r\n";
        ByteBuffer first = ByteBuffer.allocate(64);
        first.put("junk".getBytes(StandardCharsets.US_ASCII)).put(head.getBytes(StandardCharsets.US_ASCII)).put((byte) 'a').flip();
        first.position(4);
        assertThat(parser.parse(first, request)).isEqualTo(NEED_MORE);

        ByteBuffer grown = ByteBuffer.allocate(parser.requiredBytes() + 16);
        grown.put(first).put("bcdef\r\n".getBytes(StandardCharsets.US_ASCII)).flip();

        assertThat(parser.parse(grown, request)).isEqualTo(COMPLETE);
        assertThat(arg(request, 1)).isEqualTo("abcdef");
    }

    @Test
    void worksOnDirectBuffersToo() {
        ByteBuffer in = ByteBuffer.allocateDirect(64).put("*2\r\n$6\r\nexists\r\n$1\r\nk\r\n".getBytes(StandardCharsets.US_ASCII)).flip();

        assertThat(parser.parse(in, request)).isEqualTo(COMPLETE);

        assertThat(request.hasArray()).isFalse();
        assertThat(request.argEquals(0, "EXISTS")).isTrue();
        assertThat(request.argAsString(1)).isEqualTo("k");
    }

    @Test
    void commandNamesMatchWhateverTheirCase() {
        parser.parse(bytes("*1\r\n$6\r\nnSiNfO\r\n"), request);

        assertThat(request.argEquals(0, "NSINFO")).isTrue();
        assertThat(request.argEquals(0, "NSINF")).isFalse();
        assertThat(request.argEquals(0, "NSLIST")).isFalse();
    }

    @Test
    void numericArgumentsParseWithoutStrings() {
        parser.parse(bytes("*4\r\n$1\r\n0\r\n$3\r\n-42\r\n$19\r\n9223372036854775807\r\n$20\r\n-9223372036854775808\r\n"), request);

        assertThat(request.argAsLong(0)).isZero();
        assertThat(request.argAsLong(1)).isEqualTo(-42);
        assertThat(request.argAsLong(2)).isEqualTo(Long.MAX_VALUE);
        assertThat(request.argAsLong(3)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void nonNumericOrOverflowingArgumentsAreNotNumbers() {
        parser.parse(bytes("*4\r\n$2\r\n1x\r\n$0\r\n\r\n$1\r\n-\r\n$19\r\n9223372036854775808\r\n"), request);

        for (int i = 0; i < 4; i++) {
            int arg = i;
            assertThatThrownBy(() -> request.argAsLong(arg)).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void refusesInlineCommands() {
        assertThatThrownBy(() -> parser.parse(bytes("PING\r\n"), request))
                .isInstanceOf(RespProtocolException.class)
                .hasMessage("Protocol error: expected '*', got 'P'");
    }

    @Test
    void refusesAnArgumentThatIsNotABulkString() {
        assertThatThrownBy(() -> parser.parse(bytes("*1\r\n:1\r\n"), request))
                .hasMessage("Protocol error: expected '$', got ':'");
    }

    @Test
    void refusesAHugeBulkOnItsLengthLineBeforeAnyPayloadArrives() {
        ByteBuffer in = bytes("*2\r\n$3\r\nSET\r\n$1073741824\r\n");

        assertThatThrownBy(() -> parser.parse(in, request))
                .isInstanceOf(RespProtocolException.class)
                .hasMessage("Protocol error: bulk longer than 8388608 bytes");
    }

    @Test
    void refusesAnOversizedLengthEvenBeforeItsLineEnds() {
        assertThatThrownBy(() -> parser.parse(bytes("*1\r\n$99999999"), request))
                .hasMessageContaining("bulk longer than");
    }

    @Test
    void acceptsABulkOfExactlyTheLimit() {
        RespRequestParser small = new RespRequestParser(4, 5);

        assertThat(small.parse(bytes("*1\r\n$5\r\nabcde\r\n"), request)).isEqualTo(COMPLETE);
        assertThatThrownBy(() -> small.parse(bytes("*1\r\n$6\r\nabcdef\r\n"), request))
                .hasMessage("Protocol error: bulk longer than 5 bytes");
    }

    @Test
    void refusesMoreArgumentsThanTheLimit() {
        assertThatThrownBy(() -> parser.parse(bytes("*1025\r\n"), request))
                .hasMessage("Protocol error: more than 1024 arguments");
    }

    @Test
    void refusesNegativeAndZeroCounts() {
        assertThatThrownBy(() -> parser.parse(bytes("*-1\r\n"), request)).hasMessage("Protocol error: negative argument count");
        assertThatThrownBy(() -> parser.parse(bytes("*0\r\n"), request))
                .hasMessage("Protocol error: a request needs at least one argument");
        assertThatThrownBy(() -> parser.parse(bytes("*1\r\n$-1\r\n"), request))
                .hasMessage("Protocol error: negative bulk length");
    }

    @Test
    void refusesNonDigitsAndEmptyLengths() {
        assertThatThrownBy(() -> parser.parse(bytes("*1x\r\n"), request))
                .hasMessage("Protocol error: expected a digit in the argument count, got 'x'");
        assertThatThrownBy(() -> parser.parse(bytes("*\r\n"), request))
                .hasMessage("Protocol error: expected a digit in the argument count, got '\\x0d'");
        assertThatThrownBy(() -> parser.parse(bytes("*1\r\n$ 3\r\n"), request))
                .hasMessage("Protocol error: expected a digit in the bulk length, got ' '");
    }

    @Test
    void refusesACrWithoutLf() {
        assertThatThrownBy(() -> parser.parse(bytes("*1\rx"), request))
                .hasMessage("Protocol error: expected LF after CR, got 'x'");
    }

    @Test
    void refusesABulkNotFollowedByCrlf() {
        assertThatThrownBy(() -> parser.parse(bytes("*1\r\n$3\r\nabcde\r\n"), request))
                .hasMessage("Protocol error: expected CRLF after a bulk of 3 bytes");
    }

    @Test
    void refusesAnEndlessLengthLineEarly() {
        byte[] zeros = new byte[RespRequestParser.MAX_LENGTH_LINE + 1];
        Arrays.fill(zeros, (byte) '0');
        zeros[0] = '*';

        assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(zeros), request))
                .hasMessage("Protocol error: length line longer than 20 bytes");
    }

    @Test
    void refusesARequestLargerThanItsTotalLimit() {
        RespRequestParser bounded = new RespRequestParser(8, 100, 150);

        assertThatThrownBy(() -> bounded.parse(bytes("*2\r\n$100\r\n" + "a".repeat(100) + "\r\n$60\r\n"), request))
                .hasMessage("Protocol error: request larger than 150 bytes");
    }

    @Test
    void saysWhichBreachItWasSoAServerCanAnswerInZeroDbsWords() {
        assertThat(violation("PING\r\n")).isEqualTo(RespProtocolException.Violation.NOT_AN_ARRAY);
        assertThat(violation("*0\r\n")).isEqualTo(RespProtocolException.Violation.MISSING_ARGUMENTS);
        assertThat(violation("*2000\r\n")).isEqualTo(RespProtocolException.Violation.TOO_MANY_ARGUMENTS);
        assertThat(violation("*1\r\n+x\r\n")).isEqualTo(RespProtocolException.Violation.NOT_A_BULK_STRING);
        assertThat(violation("*1\r\n$9999999\r\n")).isEqualTo(RespProtocolException.Violation.PAYLOAD_TOO_BIG);
        assertThat(violation("*1\r\n$-3\r\n")).isEqualTo(RespProtocolException.Violation.MALFORMED);
        assertThat(RespProtocolException.Violation.PAYLOAD_TOO_BIG.zdbReply()).contains("Payload too big");
        assertThat(RespProtocolException.Violation.MALFORMED.zdbReply()).isEmpty();
    }

    private RespProtocolException.Violation violation(String input) {
        try {
            parser.parse(bytes(input), request);
        } catch (RespProtocolException e) {
            return e.violation();
        }
        throw new AssertionError("no protocol error for " + input);
    }

    @Test
    void isReadyForTheNextRequestAfterAProtocolError() {
        // the connection would be closed; the parser itself must not keep stale state
        assertThatThrownBy(() -> parser.parse(bytes("*1\r\n$2\r\nabcd"), request))
                .isInstanceOf(RespProtocolException.class);

        assertThat(parser.inProgress()).isFalse();
        assertThat(parser.parse(bytes("*1\r\n$4\r\nPING\r\n"), request)).isEqualTo(COMPLETE);
    }

    @Test
    void complainsIfTheCallerDropsBytesOfAPartlyParsedRequest() {
        parser.parse(bytes("*2\r\n$3\r\nGET\r\n"), request);

        assertThatThrownBy(() -> parser.parse(bytes("*2"), request)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsTheMaximumNumberOfArguments() {
        StringBuilder text = new StringBuilder("*1024\r\n");
        for (int i = 0; i < 1024; i++) {
            text.append("$1\r\nk\r\n");
        }

        assertThat(parser.parse(bytes(text.toString()), request)).isEqualTo(COMPLETE);
        assertThat(request.count()).isEqualTo(1024);
    }
}
