package io.qsctl.zdb.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static io.qsctl.zdb.server.ZdbServerIT.text;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.qsctl.testing.SmallDisk;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.resp.Reply;
import io.qsctl.zdb.resp.RespWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The server on a really full disk (a small tmpfs): clients get 0-db's errors and stay connected. */
class FullDiskServerIT {

    private static final int KIB = 1024;

    @TempDir
    Path root;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Random random = new Random(7);
    private SmallDisk disk;
    private EngineSettings settings;
    private ZdbServer server;

    @BeforeEach
    void needsSmallDisks() {
        SmallDisk.assumeAvailable();
        disk = SmallDisk.mount(root.resolve("disk"), 2048 * KIB);
        opened.add(disk);
        settings = EngineSettings.of(disk.path().resolve("index"), disk.path().resolve("data")).withAutoFlush(false);
        ZdbEngine engine = ZdbEngine.open(settings);
        opened.add(engine);
        server = ZdbServer.start(engine, ServerSettings.loopback(0));
        opened.add(server);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void aSetThatDoesNotFitIsAnsweredWithZeroDbsErrorAndTheConnectionAndOtherClientsGoOn() throws Exception {
        RawClient writer = client();
        byte[] kept = bytes(10 * KIB);
        assertThat(text(writer.call("SET", "kept", kept))).isEqualTo("kept");

        disk.fillLeaving(8 * KIB);
        assertThat(text(writer.call("SET", "big", bytes(64 * KIB)))).isEqualTo("-Cannot write data right now");
        assertThat(((Reply.Bulk) writer.call("GET", "kept")).value()).isEqualTo(kept);

        RawClient reader = client();
        assertThat(text(reader.call("PING"))).isEqualTo("+PONG");
        assertThat(reader.call("GET", "big")).isInstanceOf(Reply.Nil.class);
        assertThat(text(writer.call("NSNEW", "fresh"))).isEqualTo("-Could not create namespace");

        disk.release();
        byte[] big = bytes(64 * KIB);
        assertThat(text(writer.call("SET", "big", big))).isEqualTo("big");
        assertThat(((Reply.Bulk) reader.call("GET", "big")).value()).isEqualTo(big);
        assertThat(text(writer.call("NSNEW", "fresh"))).isEqualTo("+OK");

        restart();
        RawClient after = client();
        assertThat(((Reply.Bulk) after.call("GET", "big")).value()).isEqualTo(big);
        assertThat(((Reply.Bulk) after.call("GET", "kept")).value()).isEqualTo(kept);
    }

    @Test
    void requestsPipelinedBehindAFailedSetNeverShowItsValue() throws Exception {
        RawClient client = client();
        byte[] kept = bytes(KIB);
        assertThat(text(client.call("SET", "kept", kept))).isEqualTo("kept");

        disk.fillLeaving(8 * KIB);
        byte[] big = bytes(64 * KIB);
        RespWriter pipeline = new RespWriter();
        pipeline.request(b("SET"), b("big"), big);
        pipeline.request(b("GET"), b("big"));
        pipeline.request(b("EXISTS"), b("big"));
        pipeline.request(b("GET"), b("kept"));
        pipeline.request(b("PING"));
        client.send(pipeline.sink().toByteArray());

        assertThat(text(client.reply())).isEqualTo("-Cannot write data right now");
        // in the SET's round, memory had the value: those replies became the error; in a later round it is gone
        assertThat(text(client.reply())).isIn("-Cannot write data right now", "(nil)");
        assertThat(text(client.reply())).isIn("-Cannot write data right now", ":0");
        Reply keptReply = client.reply();
        if (!(keptReply instanceof Reply.Error)) {
            assertThat(((Reply.Bulk) keptReply).value()).isEqualTo(kept);
        }
        assertThat(text(client.reply())).isEqualTo("+PONG");
        assertThat(((Reply.Bulk) client.call("GET", "kept")).value()).isEqualTo(kept);
        assertThat(client.call("GET", "big")).isInstanceOf(Reply.Nil.class);
    }

    @Test
    void aMirrorIsNotSentTheCopyOfAWriteTheFullDiskRefused() {
        RawClient mirror = client();
        assertThat(text(mirror.call("MIRROR"))).isEqualTo("+Starting mirroring");
        RawClient writer = client();
        assertThat(text(writer.call("SET", "kept", bytes(KIB)))).isEqualTo("kept");
        assertThat(mirroredKey(mirror.reply())).isEqualTo("kept");

        disk.fillLeaving(8 * KIB);
        assertThat(text(writer.call("SET", "refused", bytes(64 * KIB)))).isEqualTo("-Cannot write data right now");
        disk.release();
        assertThat(text(writer.call("SET", "after", bytes(KIB)))).isEqualTo("after");

        // the next copy the mirror gets is the write after the refused one
        assertThat(mirroredKey(mirror.reply())).isEqualTo("after");
    }

    /** The key of a mirrored SET: {@code [time, namespace, owner, "SET", key, value]}. */
    private static String mirroredKey(Reply copy) {
        List<Reply> parts = ((Reply.Array) copy).elements();
        assertThat(((Reply.Bulk) parts.get(3)).asString()).isEqualTo("SET");
        return ((Reply.Bulk) parts.get(4)).asString();
    }

    @Test
    void aRotationTimerThatFailsEverySecondOnAFullDiskIsLoggedOnceThenQuietlyUntilItWorksAgain() throws Exception {
        settings = settings.withRotateAfter(Duration.ofSeconds(1));
        restart();
        Logger logger = (Logger) LoggerFactory.getLogger(ZdbServer.class);
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        logger.setLevel(Level.DEBUG);
        try {
            assertThat(text(client().call("SET", "k", bytes(KIB)))).isEqualTo("k");
            disk.fillLeaving(0);
            // a written namespace is due for rotation every second, and a rotation on a full disk fails
            await().atMost(Duration.ofSeconds(20)).until(() -> messages(events,
                    "rotation timer failed again").size() >= 3);
            assertThat(messages(events, "rotation timer failed")).filteredOn(e -> e.getLevel()
                    == Level.ERROR).hasSize(1);

            disk.release();
            await().atMost(Duration.ofSeconds(20)).until(() -> !messages(events,
                    "rotation timer works again").isEmpty());
            assertThat(messages(events, "rotation timer failed")).filteredOn(e -> e.getLevel()
                    == Level.ERROR).hasSize(1);
        } finally {
            logger.detachAppender(events);
            logger.setLevel(before);
        }
    }

    private static List<ILoggingEvent> messages(ListAppender<ILoggingEvent> events, String start) {
        synchronized (events) { // the appender appends under its own lock
            return events.list.stream().filter(e -> e.getFormattedMessage().startsWith(start)).toList();
        }
    }

    private RawClient client() {
        RawClient client = new RawClient(server.tcpPort());
        opened.add(client);
        return client;
    }

    /** Stops server and engine and starts both again on the same files. */
    private void restart() throws Exception {
        for (int i = opened.size() - 1; i >= 1; i--) {
            opened.remove(i).close();
        }
        ZdbEngine engine = ZdbEngine.open(settings);
        opened.add(engine);
        server = ZdbServer.start(engine, ServerSettings.loopback(0));
        opened.add(server);
    }

    private byte[] bytes(int length) {
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }
}
