package io.qsctl.cli.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The input of a put, which a signal must be able to stop even while nothing arrives. */
class StoppableInputTest {

    @Test
    void passesTheInputThroughWhole() throws IOException {
        byte[] content = new byte[3 * 256 * 1024 + 17];
        new Random(1).nextBytes(content);
        try (StoppableInput in = new StoppableInput(new ByteArrayInputStream(content))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
            assertThat(in.reachedEnd()).isTrue();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aStopEndsAReadWaitingForAnInputThatSendsNothing() throws IOException {
        PipedOutputStream writer = new PipedOutputStream();
        try (StoppableInput in = new StoppableInput(new PipedInputStream(writer))) {
            writer.write(new byte[] {1, 2, 3});
            writer.flush();
            byte[] first = new byte[3];
            assertThat(in.readNBytes(first, 0, 3)).isEqualTo(3);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            in.stop();

            await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
            assertThatThrownBy(waiting::join).hasCauseInstanceOf(java.io.UncheckedIOException.class)
                    .hasRootCauseInstanceOf(TransferStopped.class);
            assertThat(in.reachedEnd()).isFalse();
            assertThatThrownBy(in::read).isInstanceOf(TransferStopped.class);
        }
    }

    @Test
    void aStopTakesEffectEvenWhileReadAheadDataIsWaiting() throws IOException {
        try (StoppableInput in = new StoppableInput(new ByteArrayInputStream(new byte[1 << 20]))) {
            assertThat(in.read()).isZero();

            in.stop();

            assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(TransferStopped.class);
        }
    }

    @Test
    void anInputThatFailsFailsTheRead() throws IOException {
        java.io.InputStream broken = new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }
        };
        try (StoppableInput in = new StoppableInput(broken)) {
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("Input/output error");
        }
    }
}
