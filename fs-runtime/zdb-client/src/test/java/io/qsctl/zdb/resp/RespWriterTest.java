package io.qsctl.zdb.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespWriterTest {

    private final RespWriter writer = new RespWriter(new ByteSink(1));

    private String written() {
        return new String(writer.sink().toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesStatusErrorAndInteger() {
        writer.ok().simpleString("PONG").error("Invalid key").integer(0).integer(-17).integer(1234567890123L);

        assertThat(written()).isEqualTo("+OK\r\n+PONG\r\n-Invalid key\r\n:0\r\n:-17\r\n:1234567890123\r\n");
    }

    @Test
    void writesTheExtremeIntegers() {
        writer.integer(Long.MAX_VALUE).integer(Long.MIN_VALUE).integer(9).integer(10).integer(-1);

        assertThat(written()).isEqualTo(":9223372036854775807\r\n:-9223372036854775808\r\n:9\r\n:10\r\n:-1\r\n");
    }

    @Test
    void integersMatchLongToStringForEveryPowerOfTenBoundary() {
        long value = 1;
        for (int i = 0; i < 19; i++) {
            for (long v : new long[] {value - 1, value, value + 1, -value, -(value - 1), -(value + 1)}) {
                writer.sink().clear();
                writer.integer(v);
                assertThat(written()).isEqualTo(":" + v + "\r\n");
            }
            value *= 10;
        }
    }

    @Test
    void writesBulkStringsFromArraysSlicesAndBuffers() {
        byte[] data = "xxhelloxx".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.wrap(data, 2, 5);

        writer.bulk("abc".getBytes(StandardCharsets.US_ASCII)).bulk(data, 2, 5).bulk(buffer).bulk(new byte[0]);

        assertThat(written()).isEqualTo("$3\r\nabc\r\n$5\r\nhello\r\n$5\r\nhello\r\n$0\r\n\r\n");
        assertThat(buffer.position()).isEqualTo(2);
    }

    @Test
    void writesNilsAndArrayHeaders() {
        writer.nilBulk().nilArray().arrayHeader(2).integer(1).bulkHeader(3);

        assertThat(written()).isEqualTo("$-1\r\n*-1\r\n*2\r\n:1\r\n$3\r\n");
    }

    @Test
    void writesRequestsAsArraysOfBulkStrings() {
        writer.request("SET", "k", "").request(new byte[][] {{1, 2}});

        assertThat(written()).isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n*1\r\n$2\r\n\u0001\u0002\r\n");
    }

    @Test
    void errorMessagesStayOnOneLine() {
        writer.error("bad\r\nthing");

        assertThat(written()).isEqualTo("-bad  thing\r\n");
    }

    @Test
    void simpleStringsRefuseLineBreaks() {
        assertThatThrownBy(() -> writer.simpleString("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonAsciiMessagesAreSentAsUtf8() {
        writer.error("clé");

        assertThat(writer.sink().toByteArray()).isEqualTo("-clé\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whatTheWriterWritesTheParsersRead() {
        writer.request("NSSET", "ns", "password", "secret");
        RespRequest request = new RespRequest();

        new RespRequestParser().parse(ByteBuffer.wrap(writer.sink().toByteArray()), request);

        assertThat(request.count()).isEqualTo(4);
        assertThat(request.argAsString(3)).isEqualTo("secret");
    }
}
