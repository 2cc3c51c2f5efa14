package io.qsctl.zdb.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RespReplyParserTest {

    private final RespReplyParser parser = new RespReplyParser();

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Reply.Bulk bulk(String text) {
        return new Reply.Bulk(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Reply parseWhole(String text) {
        ByteBuffer in = bytes(text);
        Optional<Reply> reply = parser.parse(in);
        assertThat(reply).isPresent();
        assertThat(in.hasRemaining()).isFalse();
        return reply.get();
    }

    @Test
    void readsEveryKindOfReply() {
        assertThat(parseWhole("+OK\r\n")).isEqualTo(new Reply.SimpleString("OK"));
        assertThat(parseWhole("-No more data\r\n")).isEqualTo(new Reply.Error("No more data"));
        assertThat(parseWhole(":-42\r\n")).isEqualTo(new Reply.Integer(-42));
        assertThat(parseWhole("$5\r\nhe\r\no\r\n")).isEqualTo(bulk("he\r\no"));
        assertThat(parseWhole("$0\r\n\r\n")).isEqualTo(bulk(""));
        assertThat(parseWhole("$-1\r\n")).isEqualTo(Reply.Nil.INSTANCE);
        assertThat(parseWhole("*-1\r\n")).isEqualTo(Reply.Nil.INSTANCE);
        assertThat(parseWhole("*0\r\n")).isEqualTo(new Reply.Array(List.of()));
    }

    @Test
    void readsNestedArraysLikeAScanPage() {
        Reply reply = parseWhole("*2\r\n$3\r\ncur\r\n*2\r\n*3\r\n$1\r\na\r\n:16\r\n:1535361488\r\n*3\r\n$1\r\nb\r\n:6\r\n:1535361485\r\n");

        assertThat(reply).isEqualTo(new Reply.Array(List.of(bulk("cur"), new Reply.Array(List.of(
                new Reply.Array(List.of(bulk("a"), new Reply.Integer(16), new Reply.Integer(1535361488))),
                new Reply.Array(List.of(bulk("b"), new Reply.Integer(6), new Reply.Integer(1535361485))))))));
    }

    @Test
    void readsAHistoryReplyWithANilInsideAnArray() {
        Reply reply = parseWhole("*3\r\n$-1\r\n$10\r\n1700000000\r\n$1\r\nv\r\n");

        assertThat(reply).isEqualTo(new Reply.Array(List.of(Reply.Nil.INSTANCE, bulk("1700000000"), bulk("v"))));
    }

    @Test
    void readsPipelinedRepliesOneAfterTheOther() {
        ByteBuffer in = bytes("+OK\r\n:1\r\n$1\r\nx\r\n");

        assertThat(parser.parse(in)).contains(new Reply.SimpleString("OK"));
        assertThat(parser.parse(in)).contains(new Reply.Integer(1));
        assertThat(parser.parse(in)).contains(bulk("x"));
        assertThat(parser.parse(in)).isEmpty();
    }

    @Test
    void anyReplyCanArriveOneByteAtATime() {
        String text = "*3\r\n+OK\r\n*2\r\n$3\r\nabc\r\n:7\r\n$-1\r\n";
        ByteBuffer in = ByteBuffer.allocate(8);
        in.flip();
        List<Reply> replies = new ArrayList<>();

        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            in.compact().put(b).flip();
            parser.parse(in).ifPresent(replies::add);
        }

        assertThat(replies).containsExactly(new Reply.Array(List.of(new Reply.SimpleString("OK"),
                new Reply.Array(List.of(bulk("abc"), new Reply.Integer(7))), Reply.Nil.INSTANCE)));
    }

    @Test
    void aLongStatusLineDrippedOneByteAtATimeIsScannedOnce() {
        byte[] line = ("+" + "x".repeat(60_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.allocate(line.length).limit(0);

        Optional<Reply> reply = assertTimeout(Duration.ofSeconds(5), () -> {
            Optional<Reply> last = Optional.empty();
            for (byte b : line) {
                in.limit(in.limit() + 1).put(in.limit() - 1, b);
                last = parser.parse(in);
            }
            return last;
        });

        assertThat(reply).hasValueSatisfying(r -> assertThat(((Reply.SimpleString) r).value()).hasSize(60_000));
    }

    @Test
    void consumesALargeBulkAsItArrivesSoTheBufferCanStaySmall() {
        ByteBuffer in = bytes("$10\r\n0123");

        assertThat(parser.parse(in)).isEmpty();

        assertThat(in.hasRemaining()).isFalse();
        assertThat(parser.bytesNeeded()).isEqualTo(6 + 2);
        assertThat(parser.parse(bytes("456789\r"))).isEmpty();
        assertThat(parser.bytesNeeded()).isEqualTo(1);
        assertThat(parser.parse(bytes("\n"))).contains(bulk("0123456789"));
    }

    @Test
    void refusesABulkOverTheLimitOnItsLengthLine() {
        RespReplyParser small = new RespReplyParser(1024);

        assertThatThrownBy(() -> small.parse(bytes("$1025\r\n")))
                .isInstanceOf(RespProtocolException.class)
                .hasMessage("Protocol error: bulk of 1025 bytes is over the limit of 1024");
    }

    @Test
    void refusesUnknownTypesAndMalformedNumbers() {
        assertThatThrownBy(() -> parser.parse(bytes("!3\r\n"))).hasMessage("Protocol error: unknown reply type '!'");
        assertThatThrownBy(() -> parser.parse(bytes(":1a\r\n"))).hasMessage("Protocol error: expected a digit, got 'a'");
        assertThatThrownBy(() -> parser.parse(bytes(":\r\n"))).hasMessage("Protocol error: empty number");
        assertThatThrownBy(() -> parser.parse(bytes("$-2\r\n"))).hasMessage("Protocol error: invalid bulk length -2");
        assertThatThrownBy(() -> parser.parse(bytes(":" + "9".repeat(21) + "\r\n")))
                .hasMessage("Protocol error: reply line longer than 21 bytes");
        assertThatThrownBy(() -> parser.parse(bytes(":9999999999999999999\r\n"))).hasMessage("Protocol error: number out of range");
    }

    @Test
    void refusesBrokenLineEndings() {
        assertThatThrownBy(() -> parser.parse(bytes("+OK\rX"))).hasMessage("Protocol error: expected LF after CR, got 'X'");
        assertThatThrownBy(() -> parser.parse(bytes("+OK\n"))).hasMessage("Protocol error: LF without CR in a reply line");
        assertThatThrownBy(() -> parser.parse(bytes("$2\r\nabX\n"))).hasMessage("Protocol error: expected CRLF after a bulk of 2 bytes, got 'X'");
    }

    @Test
    void refusesAStatusLineWithoutEnd() {
        RespReplyParser small = new RespReplyParser(1024, 16, 4, 10);

        assertThatThrownBy(() -> small.parse(bytes("+" + "x".repeat(20)))).hasMessage("Protocol error: reply line longer than 10 bytes");
    }

    @Test
    void refusesArraysTooLongOrTooDeep() {
        RespReplyParser small = new RespReplyParser(1024, 16, 2, 100);

        assertThatThrownBy(() -> small.parse(bytes("*17\r\n"))).hasMessage("Protocol error: array of 17 elements is over the limit of 16");
        assertThatThrownBy(() -> small.parse(bytes("*1\r\n*1\r\n*1\r\n"))).hasMessage("Protocol error: arrays nested deeper than 2");
    }

    @Test
    void startsCleanAfterAProtocolError() {
        // the client drops the connection; the parser must hold nothing of it
        assertThatThrownBy(() -> parser.parse(bytes("*2\r\n:1\r\n!"))).isInstanceOf(RespProtocolException.class);

        assertThat(parser.inProgress()).isFalse();
        assertThat(parser.parse(bytes("+OK\r\n"))).contains(new Reply.SimpleString("OK"));
    }

    @Test
    void bulkRepliesCompareByContent() {
        assertThat(bulk("abc")).isEqualTo(bulk("abc")).hasSameHashCodeAs(bulk("abc"));
        assertThat(bulk("a\u0000")).hasToString("Bulk[\"a\\x00\"]");
    }
}
