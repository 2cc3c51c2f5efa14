package io.qsctl.zdb.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.zdb.resp.Reply;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typed commands read 0-db's replies the way zdbd/commands_*.c writes them. */
class ZdbConnectionCommandsTest {

    private final FakeZdbServer server = FakeZdbServer.start();
    private ZdbConnection connection;

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        server.close();
    }

    private ZdbConnection connect() {
        connection = ZdbConnection.open(server.config());
        return connection;
    }

    private static byte[] b(String text) {
        return text.getBytes(ISO_8859_1);
    }

    @Test
    void setReturnsTheKeyOrEmptyWhenTheValueDidNotChange() {
        server.on("SET", (args, out, session) -> {
            if (FakeZdbServer.text(args, 2).equals("same")) {
                out.nilBulk();
            } else {
                out.bulk(args.get(1));
            }
        });
        connect();

        assertThat(connection.set(b("k"), b("v"))).hasValueSatisfying(key -> assertThat(key).isEqualTo(b("k")));
        assertThat(connection.set(b("k"), b("same"))).isEmpty();
    }

    @Test
    void insertSendsAnEmptyKeyAndReturnsTheGeneratedId() {
        server.on("SET", (args, out, session) -> out.bulk(SeqKeys.key(41)));
        connect();

        byte[] id = connection.insert(b("payload"));

        assertThat(SeqKeys.id(id)).isEqualTo(41);
        assertThat(server.received().get(0)).containsExactly("SET", "", "payload");
    }

    @Test
    void getReturnsTheValueOrEmpty() {
        server.on("GET", (args, out, session) -> {
            if (FakeZdbServer.text(args, 1).equals("k")) {
                out.bulk(new byte[] {0, 1, 2});
            } else {
                out.nilBulk();
            }
        });
        connect();

        assertThat(connection.get(b("k"))).hasValueSatisfying(v -> assertThat(v).containsExactly(0, 1, 2));
        assertThat(connection.get(b("missing"))).isEmpty();
    }

    @Test
    void mgetReturnsOneEntryPerKey() {
        server.on("MGET", FakeZdbServer.raw("*2\r\n$1\r\na\r\n$-1\r\n"));
        connect();

        List<Optional<byte[]>> values = connection.mget(b("x"), b("y"));

        assertThat(values).hasSize(2);
        assertThat(values.get(0)).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("a")));
        assertThat(values.get(1)).isEmpty();
    }

    @Test
    void delTellsWhetherThereWasAKey() {
        server.on("DEL", (args, out, session) -> {
            if (FakeZdbServer.text(args, 1).equals("k")) {
                out.ok();
            } else {
                out.error("Key not found");
            }
        });
        connect();

        assertThat(connection.del(b("k"))).isTrue();
        assertThat(connection.del(b("other"))).isFalse();
    }

    @Test
    void smallQueriesReadTheirIntegersAndNils() {
        server.on("EXISTS", FakeZdbServer.raw(":1\r\n"))
                .on("CHECK", (args, out, session) -> {
                    switch (FakeZdbServer.text(args, 1)) {
                        case "ok" -> out.integer(1);
                        case "bad" -> out.integer(0);
                        case "offloaded" -> out.integer(-1);
                        default -> out.nilBulk();
                    }
                })
                .on("LENGTH", (args, out, session) -> {
                    if (FakeZdbServer.text(args, 1).equals("k")) {
                        out.integer(123);
                    } else {
                        out.nilBulk();
                    }
                })
                .on("KEYTIME", FakeZdbServer.raw(":1700000000\r\n"))
                .on("DBSIZE", FakeZdbServer.raw(":7\r\n"));
        connect();

        assertThat(connection.exists(b("k"))).isTrue();
        assertThat(connection.check(b("ok"))).isEqualTo(CheckResult.VALID);
        assertThat(connection.check(b("bad"))).isEqualTo(CheckResult.CORRUPTED);
        assertThat(connection.check(b("gone"))).isEqualTo(CheckResult.MISSING);
        assertThat(connection.check(b("offloaded"))).isEqualTo(CheckResult.UNREADABLE);
        assertThat(connection.length(b("k"))).isEqualTo(OptionalLong.of(123));
        assertThat(connection.length(b("gone"))).isEmpty();
        assertThat(connection.keytime(b("k"))).isEqualTo(OptionalLong.of(1_700_000_000));
        assertThat(connection.dbsize()).isEqualTo(7);
    }

    @Test
    void scanReadsPagesUntilNoMoreData() {
        AtomicInteger calls = new AtomicInteger();
        server.on("SCAN", (args, out, session) -> {
            if (calls.getAndIncrement() == 0) {
                out.arrayHeader(2).bulk(b("cursor-1")).arrayHeader(2);
                out.arrayHeader(3).bulk(b("a")).integer(16).integer(1535361488);
                out.arrayHeader(3).bulk(SeqKeys.key(2)).integer(6).integer(1535361485);
            } else {
                out.error("No more data");
            }
        });
        connect();

        Optional<ScanPage> first = connection.scan();
        Optional<ScanPage> end = connection.scan(first.orElseThrow().cursor());

        assertThat(first.get().cursor()).isEqualTo(b("cursor-1"));
        assertThat(first.get().entries()).containsExactly(new ScanEntry(b("a"), 16, 1535361488),
                new ScanEntry(SeqKeys.key(2), 6, 1535361485));
        assertThat(end).isEmpty();
        assertThat(server.received().get(1)).containsExactly("SCAN", "cursor-1");
    }

    @Test
    void historyFollowsOlderVersionsToTheEnd() {
        server.on("HISTORY", (args, out, session) -> {
            if (args.size() == 2) {
                out.sink().write(b("*3\r\n$6\r\nolder1\r\n$10\r\n1700000001\r\n$2\r\nv2\r\n"));
            } else {
                out.sink().write(b("*3\r\n$-1\r\n$10\r\n1700000000\r\n$2\r\nv1\r\n"));
            }
        });
        connect();

        HistoryEntry current = connection.history(b("k")).orElseThrow();
        HistoryEntry oldest = connection.history(b("k"), current.older().orElseThrow()).orElseThrow();

        assertThat(current).isEqualTo(new HistoryEntry(1_700_000_001, b("v2"), Optional.of(b("older1"))));
        assertThat(oldest).isEqualTo(new HistoryEntry(1_700_000_000, b("v1"), Optional.empty()));
    }

    @Test
    void nsinfoIsParsedIntoFields() {
        server.on("NSINFO", (args, out, session) -> out.bulk(("# namespace\nname: photos\nentries: 3\npublic: no\n"
                + "password: yes\ndata_size_bytes: 42\ndata_limits_bytes: 0\nmode: sequential\n").getBytes(ISO_8859_1)));
        connect();

        NamespaceInfo info = connection.nsinfo("photos");

        assertThat(info.name()).contains("photos");
        assertThat(info.entries()).isEqualTo(OptionalLong.of(3));
        assertThat(info.isPublic()).contains(false);
        assertThat(info.passwordProtected()).contains(true);
        assertThat(info.mode()).contains("sequential");
    }

    @Test
    void anErrorReplyThrowsWithTheServersTextAndKeepsTheConnection() {
        server.on("GET", FakeZdbServer.raw("-Invalid key\r\n"));
        connect();

        assertThatThrownBy(() -> connection.get(new byte[300]))
                .isInstanceOf(ZdbServerException.class)
                .hasMessage("zdb tcp://127.0.0.1:" + server.port() + " GET refused: Invalid key");

        assertThat(connection.isConnected()).isTrue();
        assertThat(connection.ping()).isEqualTo("PONG");
    }

    @Test
    void aReplyOfTheWrongKindIsAProtocolError() {
        server.on("GET", FakeZdbServer.raw(":1\r\n"));
        connect();

        assertThatThrownBy(() -> connection.get(b("k"))).isInstanceOf(ZdbProtocolException.class)
                .hasMessageContaining("expected a bulk string or nil");
    }

    @Test
    void garbageFromTheServerDropsTheConnection() {
        server.on("GET", FakeZdbServer.raw("?what\r\n"));
        connect();

        assertThatThrownBy(() -> connection.get(b("k"))).isInstanceOf(ZdbProtocolException.class);

        assertThat(connection.isConnected()).isFalse();
        assertThat(connection.ping()).isEqualTo("PONG");
        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aReadIsRetriedOnceAfterTheServerDroppedAnIdleConnection() {
        server.on("GET", FakeZdbServer.raw("$1\r\nv\r\n"));
        connect().ping(); // the server has surely registered the connection it will drop
        server.dropConnections();

        assertThat(connection.get(b("k"))).isPresent();

        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aWriteIsNeverRetriedButTheNextCommandReconnects() {
        server.on("SET", (args, out, session) -> out.bulk(SeqKeys.key(0)));
        connect().ping(); // the server has surely registered the connection it will drop
        server.dropConnections();

        assertThatThrownBy(() -> connection.insert(b("v"))).isInstanceOf(ZdbConnectionException.class);
        assertThat(server.commandNames()).containsExactly("PING");

        assertThat(SeqKeys.id(connection.insert(b("v")))).isZero();
        assertThat(server.commandNames()).containsExactly("PING", "SET");
    }

    @Test
    void pipelinedCommandsResolveTheirPendingResultsInOrder() {
        server.on("SET", (args, out, session) -> out.bulk(args.get(1)))
                .on("GET", (args, out, session) -> out.nilBulk())
                .on("DEL", FakeZdbServer.raw("-Key not found\r\n"))
                .on("NSNEW", FakeZdbServer.raw("-This namespace is not available\r\n"));
        connect();
        Pipeline pipeline = connection.pipeline();

        Pending<Optional<byte[]>> set = pipeline.set(b("k"), b("v"));
        Pending<Optional<byte[]>> get = pipeline.get(b("k"));
        Pending<Boolean> del = pipeline.del(b("k"));
        Pending<Reply> refused = pipeline.command("NSNEW", "x");
        assertThat(set.isDone()).isFalse();
        List<Reply> replies = pipeline.sync();

        assertThat(replies).hasSize(4);
        assertThat(replies.get(3)).isEqualTo(new Reply.Error("This namespace is not available"));
        assertThat(set.get()).hasValueSatisfying(key -> assertThat(key).isEqualTo(b("k")));
        assertThat(get.get()).isEmpty();
        assertThat(del.get()).isFalse();
        assertThatThrownBy(refused::get).isInstanceOf(ZdbServerException.class);
        assertThat(pipeline.size()).isZero();
    }

    @Test
    void aPendingResultCannotBeReadBeforeSync() {
        connect();
        Pending<String> ping = connection.pipeline().ping();

        assertThatThrownBy(ping::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("sync()");
    }

    @Test
    void aClosedConnectionRefusesCommands() {
        connect().close();

        assertThatThrownBy(() -> connection.ping()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServerThatIsNotThereFailsAfterTheConfiguredAttempts() throws java.io.IOException {
        int port;
        try (java.net.ServerSocket nobody = new java.net.ServerSocket(0)) {
            port = nobody.getLocalPort();
        }

        assertThatThrownBy(() -> ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", port)
                .withReconnect(new ReconnectPolicy(3, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1)))))
                .isInstanceOf(ZdbConnectionException.class)
                .hasMessageContaining("cannot connect to tcp://127.0.0.1:" + port);
    }
}
