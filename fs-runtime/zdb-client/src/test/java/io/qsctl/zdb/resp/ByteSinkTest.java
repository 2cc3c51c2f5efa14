package io.qsctl.zdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ByteSinkTest {

    @Test
    void growsToFitWhatIsWritten() {
        ByteSink sink = new ByteSink(0);
        byte[] big = new byte[100_000];
        big[99_999] = 7;

        sink.write(1).write(big);

        assertThat(sink.size()).isEqualTo(100_001);
        assertThat(sink.array()[100_000]).isEqualTo((byte) 7);
    }

    @Test
    void clearKeepsTheArrayUnlessItGrewPastTheBound() {
        ByteSink sink = new ByteSink(16);
        sink.write(new byte[4096]);
        byte[] grown = sink.array();

        sink.clear();
        assertThat(sink.array()).isSameAs(grown);
        assertThat(sink.isEmpty()).isTrue();

        sink.clear(1024);
        assertThat(sink.capacity()).isEqualTo(1024);
    }

    @Test
    void discardFirstKeepsTheRestInOrder() {
        ByteSink sink = new ByteSink();
        sink.writeAscii("abcdef");

        sink.discardFirst(2);

        assertThat(new String(sink.toByteArray())).isEqualTo("cdef");
    }

    @Test
    void viewIsTheContentWithoutCopying() {
        ByteSink sink = new ByteSink();
        sink.writeAscii("xyz");

        ByteBuffer view = sink.view();

        assertThat(view.remaining()).isEqualTo(3);
        assertThat(view.get(0)).isEqualTo((byte) 'x');
        assertThat(view.isReadOnly()).isTrue();
    }

    @Test
    void countsDecimalDigits() {
        assertThat(ByteSink.decimalDigits(0)).isEqualTo(1);
        assertThat(ByteSink.decimalDigits(9)).isEqualTo(1);
        assertThat(ByteSink.decimalDigits(10)).isEqualTo(2);
        assertThat(ByteSink.decimalDigits(999_999_999_999_999_999L)).isEqualTo(18);
        assertThat(ByteSink.decimalDigits(Long.MAX_VALUE)).isEqualTo(19);
    }
}
