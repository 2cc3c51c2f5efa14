package io.qsctl.zdb.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.client.ZdbServerException;
import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.resp.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our server on loopback, driven by our client and by raw sockets, checked against 0-db's replies. */
class ZdbServerIT {

    @TempDir
    Path root;

    ZdbEngine engine;
    ZdbServer server;
    final List<AutoCloseable> clients = new ArrayList<>();

    ZdbServer start(ServerSettings settings) {
        engine = ZdbEngine.open(EngineSettings.of(root.resolve("index"), root.resolve("data")).withAutoFlush(false));
        server = ZdbServer.start(engine, settings);
        return server;
    }

    ZdbServer start() {
        return start(ServerSettings.loopback(0));
    }

    ZdbConnection connect() {
        ZdbConnection connection = ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", server.tcpPort()));
        clients.add(connection);
        return connection;
    }

    RawClient raw() {
        RawClient raw = new RawClient(server.tcpPort());
        clients.add(raw);
        return raw;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static String text(Reply reply) {
        if (reply instanceof Reply.Bulk b) {
            return b.asString();
        }
        if (reply instanceof Reply.SimpleString s) {
            return "+" + s.value();
        }
        if (reply instanceof Reply.Error e) {
            return "-" + e.message();
        }
        if (reply instanceof Reply.Integer i) {
            return ":" + i.value();
        }
        if (reply instanceof Reply.Nil) {
            return "(nil)";
        }
        return reply.toString();
    }

    @Nested
    class KeyValue {
        @Test
        void setReturnsTheKeyAndGetReturnsTheValueByteForByte() {
            start();
            RawClient c = raw();
            byte[] value = new byte[256];
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) i;
            }
            assertThat(c.call("SET", "k", value)).isEqualTo(new Reply.Bulk(bytes("k")));
            assertThat(c.call("GET", "k")).isEqualTo(new Reply.Bulk(value));
            assertThat(c.call("GET", "missing")).isEqualTo(Reply.Nil.INSTANCE);
        }

        @Test
        void settingTheSameValueAgainAnswersNilAndWritesNothing() {
            start();
            RawClient c = raw();
            c.call("SET", "k", "v");
            long before = engine.defaultNamespace().info().dataCurrentOffset();
            assertThat(c.call("SET", "k", "v")).isEqualTo(Reply.Nil.INSTANCE);
            assertThat(engine.defaultNamespace().info().dataCurrentOffset()).isEqualTo(before);
            assertThat(c.call("SET", "k", "w")).isEqualTo(new Reply.Bulk(bytes("k")));
        }

        @Test
        void existsCheckLengthKeytimeAndDelFollowZeroDb() {
            start();
            RawClient c = raw();
            c.call("SET", "k", "hello");
            assertThat(text(c.call("EXISTS", "k"))).isEqualTo(":1");
            assertThat(text(c.call("CHECK", "k"))).isEqualTo(":1");
            assertThat(text(c.call("LENGTH", "k"))).isEqualTo(":5");
            assertThat(((Reply.Integer) c.call("KEYTIME", "k")).value()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
            assertThat(text(c.call("DEL", "k"))).isEqualTo("+OK");
            assertThat(text(c.call("DEL", "k"))).isEqualTo("-Key not found");
            assertThat(text(c.call("EXISTS", "k"))).isEqualTo(":0");
            assertThat(c.call("CHECK", "k")).isEqualTo(Reply.Nil.INSTANCE);
            assertThat(c.call("LENGTH", "k")).isEqualTo(Reply.Nil.INSTANCE);
        }

        @Test
        void mgetAnswersOneReplyPerKey() {
            start();
            RawClient c = raw();
            c.call("SET", "a", "1");
            c.call("SET", "b", "2");
            Reply.Array reply = (Reply.Array) c.call("MGET", "a", "nope", "b");
            assertThat(reply.elements()).containsExactly(new Reply.Bulk(bytes("1")), Reply.Nil.INSTANCE, new Reply.Bulk(bytes("2")));
        }

        @Test
        void keysUpTo255BytesAreAcceptedAndLongerOnesRefused() {
            start();
            RawClient c = raw();
            byte[] longest = new byte[255];
            java.util.Arrays.fill(longest, (byte) 'k');
            assertThat(c.call("SET", longest, "v")).isEqualTo(new Reply.Bulk(longest));
            byte[] tooLong = new byte[256];
            assertThat(text(c.call("SET", tooLong, "v"))).isEqualTo("-Key too large");
            assertThat(text(c.call("GET", tooLong))).isEqualTo("-Invalid key");
        }

        @Test
        void anEightMebibyteValueIsStoredAndOneByteMoreIsRefusedAndTheConnectionClosed() {
            start();
            RawClient c = raw();
            byte[] big = new byte[8 * 1024 * 1024];
            new java.util.Random(1).nextBytes(big);
            assertThat(c.call("SET", "big", big)).isEqualTo(new Reply.Bulk(bytes("big")));
            assertThat(c.call("GET", "big")).isEqualTo(new Reply.Bulk(big));
            RawClient other = raw();
            other.send("*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$" + (8 * 1024 * 1024 + 1) + "\r\n");
            assertThat(text(other.reply())).isEqualTo("-Payload too big");
            assertThat(other.closedByServer()).isTrue();
        }

        @Test
        void commandNamesMatchByPrefixAsInZeroDb() {
            start();
            RawClient c = raw();
            assertThat(c.call("se", "k", "v")).isEqualTo(new Reply.Bulk(bytes("k")));
            assertThat(c.call("G", "k")).isEqualTo(new Reply.Bulk(bytes("v")));
            assertThat(text(c.call("P"))).isEqualTo("+PONG");
            assertThat(text(c.call("SETXY", "k", "v"))).isEqualTo("-Command not supported");
            assertThat(text(c.call("*"))).isEqualTo("-This is not a valid command");
        }

        @Test
        void wrongArgumentCountsGetZeroDbErrors() {
            start();
            RawClient c = raw();
            assertThat(text(c.call("GET"))).isEqualTo("-Unexpected arguments");
            assertThat(text(c.call("GET", ""))).isEqualTo("-Invalid argument");
            assertThat(text(c.call("SET", "k"))).isEqualTo("-Unexpected arguments");
            assertThat(text(c.call("SET", "", "v"))).isEqualTo("-Invalid argument, key needed");
        }

        @Test
        void timeAnswersSecondsAndMicrosecondsAsBulkStrings() {
            start();
            long before = java.time.Instant.now().getEpochSecond();
            Reply.Array time = (Reply.Array) raw().call("TIME");
            long after = java.time.Instant.now().getEpochSecond();
            assertThat(time.elements()).hasSize(2).allMatch(Reply.Bulk.class::isInstance);
            long seconds = Long.parseLong(((Reply.Bulk) time.elements().get(0)).asString());
            long micros = Long.parseLong(((Reply.Bulk) time.elements().get(1)).asString());
            assertThat(seconds).isBetween(before, after);
            assertThat(micros).isBetween(0L, 999_999L);
        }
    }

    @Nested
    class Sequential {
        @Test
        void anEmptyKeyTakesTheNextIdAndOnlyUpdatesAreAllowedOtherwise() {
            start();
            RawClient c = raw();
            c.call("NSNEW", "seq");
            assertThat(text(c.call("NSSET", "seq", "mode", "seq"))).isEqualTo("+OK");
            c.call("SELECT", "seq");
            Reply first = c.call("SET", "", "one");
            assertThat(first).isEqualTo(new Reply.Bulk(new byte[8]));
            Reply second = c.call("SET", "", "two");
            assertThat(second).isEqualTo(new Reply.Bulk(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}));
            assertThat(c.call("GET", new byte[8])).isEqualTo(new Reply.Bulk(bytes("one")));
            assertThat(text(c.call("SET", new byte[] {9, 0, 0, 0, 0, 0, 0, 0}, "x")))
                    .isEqualTo("-Invalid key, only update authorized");
            assertThat(c.call("SET", new byte[8], "ONE")).isEqualTo(new Reply.Bulk(new byte[8]));
            assertThat(c.call("GET", new byte[8])).isEqualTo(new Reply.Bulk(bytes("ONE")));
            assertThat(text(c.call("NSSET", "seq", "mode", "user"))).isEqualTo("-Cannot change mode of used namespace");
        }
    }

    @Nested
    class NamespacesAndAuth {
        @Test
        void adminCommandsNeedAuthWhenAnAdminPasswordIsSet() {
            start(ServerSettings.loopback(0).withAdmin(Optional.of("adm1n"), false));
            RawClient c = raw();
            assertThat(text(c.call("NSNEW", "x"))).isEqualTo("-Permission denied");
            assertThat(text(c.call("AUTH", "wrong"))).isEqualTo("-Access denied");
            assertThat(text(c.call("AUTH", "adm1n"))).isEqualTo("+OK");
            assertThat(text(c.call("NSNEW", "x"))).isEqualTo("+OK");
        }

        @Test
        void secureAuthenticationUsesAOneTimeChallenge() {
            start(ServerSettings.loopback(0).withAdmin(Optional.of("adm1n"), false));
            RawClient c = raw();
            String challenge = ((Reply.SimpleString) c.call("AUTH", "SECURE", "CHALLENGE")).value();
            assertThat(challenge).matches("[0-9a-f]{16}");
            String hash = Secrets.sha1Hex(challenge + ":adm1n");
            assertThat(text(c.call("AUTH", "SECURE", hash))).isEqualTo("+OK");
            assertThat(text(c.call("AUTH", "SECURE", hash)))
                    .isEqualTo("-No CHALLENGE requested, secure authentication not available");
        }

        @Test
        void theClientSelectsAPasswordProtectedNamespaceWithTheSecureChallenge() {
            start();
            ZdbConnection admin = connect();
            admin.nsnew("vault");
            admin.nsset("vault", "password", "p4ss");
            admin.nsset("vault", "public", "0");
            ZdbConnection user = ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", server.tcpPort())
                    .withNamespace("vault", "p4ss"));
            clients.add(user);
            user.set(bytes("secret"), bytes("42"));
            assertThat(user.get(bytes("secret"))).contains(bytes("42"));
            RawClient stranger = raw();
            assertThat(text(stranger.call("SELECT", "vault"))).isEqualTo("-Namespace protected and private");
            assertThat(text(stranger.call("SELECT", "vault", "nope"))).isEqualTo("-Access denied");
        }

        @Test
        void aPublicNamespaceWithAPasswordIsReadOnlyWithoutIt() {
            start();
            RawClient owner = raw();
            owner.call("NSNEW", "shared");
            owner.call("NSSET", "shared", "password", "pw");
            owner.call("SELECT", "shared", "pw");
            owner.call("SET", "k", "v");
            RawClient reader = raw();
            assertThat(text(reader.call("SELECT", "shared"))).isEqualTo("+OK");
            assertThat(reader.call("GET", "k")).isEqualTo(new Reply.Bulk(bytes("v")));
            assertThat(text(reader.call("SET", "k", "w"))).isEqualTo("-Namespace is in read-only mode");
        }

        @Test
        void protectMakesTheDefaultNamespaceWritableOnlyWithTheAdminPassword() {
            start(ServerSettings.loopback(0).withAdmin(Optional.of("adm1n"), true));
            RawClient c = raw();
            assertThat(text(c.call("SET", "k", "v"))).isEqualTo("-Namespace is in read-only mode");
            assertThat(text(c.call("SELECT", "default", "adm1n"))).isEqualTo("+OK");
            assertThat(c.call("SET", "k", "v")).isEqualTo(new Reply.Bulk(bytes("k")));
        }

        @Test
        void nsinfoReportsTheNamespace() {
            start();
            RawClient c = raw();
            c.call("NSNEW", "info");
            c.call("SELECT", "info");
            c.call("SET", "k", "12345");
            String info = text(c.call("NSINFO", "info"));
            assertThat(info).contains("# namespace\n", "name: info\n", "entries: 1\n", "public: yes\n",
                    "password: no\n", "data_size_bytes: 5\n", "mode: userkey\n", "data_current_id: 0\n");
            assertThat(text(c.call("NSINFO", "nope"))).isEqualTo("-Namespace not found");
            assertThat(text(c.call("DBSIZE"))).isEqualTo(":1");
            Reply.Array list = (Reply.Array) c.call("NSLIST");
            assertThat(list.elements()).containsExactly(new Reply.Bulk(bytes("default")), new Reply.Bulk(bytes("info")));
        }

        @Test
        void namespaceRulesAreEnforced() {
            start();
            RawClient c = raw();
            assertThat(text(c.call("NSNEW", "default"))).isEqualTo("-This name is not allowed");
            assertThat(text(c.call("NSNEW", "a/b"))).isEqualTo("-This name is not allowed");
            c.call("NSNEW", "twice");
            assertThat(text(c.call("NSNEW", "twice"))).isEqualTo("-This namespace is not available");
            assertThat(text(c.call("NSDEL", "default"))).isEqualTo("-Cannot remove default namespace");
            c.call("SELECT", "twice");
            assertThat(text(c.call("NSDEL", "twice"))).isEqualTo("-Cannot remove namespace you're currently using.");
            assertThat(text(c.call("FLUSH"))).isEqualTo("-Flushing public namespace denied");
            assertThat(text(c.call("NSSET", "twice", "colour", "blue"))).isEqualTo("-Invalid property");
            assertThat(text(c.call("NSSET", "default", "password", "x"))).isEqualTo("-Cannot update default namespace");
        }

        @Test
        void aClientWhoseNamespaceWasDeletedIsToldAndDisconnected() {
            start();
            RawClient a = raw();
            a.call("NSNEW", "gone");
            a.call("SELECT", "gone");
            RawClient b = raw();
            assertThat(text(b.call("NSDEL", "gone"))).isEqualTo("+OK");
            assertThat(text(a.call("GET", "k"))).isEqualTo("-Your active namespace is not available anymore (probably removed).");
            assertThat(a.closedByServer()).isTrue();
        }

        @Test
        void wormRefusesOverwritesAndDeletes() {
            start();
            RawClient c = raw();
            c.call("NSNEW", "w");
            c.call("NSSET", "w", "worm", "1");
            c.call("SELECT", "w");
            c.call("SET", "k", "v");
            assertThat(text(c.call("SET", "k", "v2"))).isEqualTo("-Namespace is protected by worm mode");
            assertThat(text(c.call("DEL", "k"))).isEqualTo("-Cannot delete a key when namespace is in worm mode");
        }

        @Test
        void maxsizeLimitsTheDataAndLockAndFreezeStopWritesAndReads() {
            start();
            RawClient c = raw();
            c.call("NSNEW", "small");
            c.call("NSSET", "small", "maxsize", "10");
            c.call("SELECT", "small");
            assertThat(c.call("SET", "a", "12345678")).isEqualTo(new Reply.Bulk(bytes("a")));
            assertThat(text(c.call("SET", "b", "123"))).isEqualTo("-No space left on this namespace");
            c.call("NSSET", "small", "lock", "1");
            assertThat(text(c.call("SET", "c", "1"))).isEqualTo("-Namespace is temporarily locked (read-only)");
            assertThat(c.call("GET", "a")).isEqualTo(new Reply.Bulk(bytes("12345678")));
            c.call("NSSET", "small", "freeze", "1");
            assertThat(text(c.call("GET", "a"))).isEqualTo("-Namespace is temporarily frozen (read-write disabled)");
            c.call("NSSET", "small", "lock", "0");
            assertThat(c.call("GET", "a")).isEqualTo(new Reply.Bulk(bytes("12345678")));
        }
    }

    @Nested
    class Walking {
        @Test
        void scanWalksEveryLiveKeyInWriteOrderThenSaysNoMoreData() {
            start();
            ZdbConnection c = connect();
            for (int i = 0; i < 50; i++) {
                c.set(bytes("key" + i), bytes("value" + i));
            }
            c.del(bytes("key7"));
            c.set(bytes("key3"), bytes("changed"));
            List<String> seen = new ArrayList<>();
            var page = c.scan();
            while (page.isPresent()) {
                page.get().entries().forEach(e -> seen.add(new String(e.key(), UTF_8)));
                page = c.scan(page.get().cursor());
            }
            assertThat(seen).hasSize(49).doesNotContain("key7").endsWith("key3");
            assertThat(seen.get(0)).isEqualTo("key0");
            RawClient raw = raw();
            assertThat(text(raw.call("SCAN", new byte[17]))).isEqualTo("-Invalid key format");
        }

        @Test
        void rscanWalksBackwardsAcrossRotatedFiles() {
            start();
            RawClient c = raw();
            for (int i = 0; i < 5; i++) {
                c.call("SET", "k" + i, "v" + i);
                c.call("NSJUMP");
            }
            List<String> seen = new ArrayList<>();
            Reply reply = c.call("RSCAN");
            while (reply instanceof Reply.Array page) {
                Reply.Array items = (Reply.Array) page.elements().get(1);
                for (Reply item : items.elements()) {
                    seen.add(text(((Reply.Array) item).elements().get(0)));
                }
                reply = c.call("RSCAN", ((Reply.Bulk) page.elements().get(0)).value());
            }
            assertThat(text(reply)).isEqualTo("-No more data");
            assertThat(seen).containsExactly("k4", "k3", "k2", "k1", "k0");
        }

        @Test
        void historyWalksTheVersionsOfAKey() {
            start();
            RawClient c = raw();
            c.call("SET", "k", "one");
            c.call("SET", "k", "two");
            c.call("SET", "k", "three");
            Reply.Array current = (Reply.Array) c.call("HISTORY", "k");
            assertThat(text(current.elements().get(2))).isEqualTo("three");
            Reply.Array older = (Reply.Array) c.call("HISTORY", "k", ((Reply.Bulk) current.elements().get(0)).value());
            assertThat(text(older.elements().get(2))).isEqualTo("two");
            Reply.Array oldest = (Reply.Array) c.call("HISTORY", "k", ((Reply.Bulk) older.elements().get(0)).value());
            assertThat(text(oldest.elements().get(2))).isEqualTo("one");
            assertThat(oldest.elements().get(0)).isEqualTo(Reply.Nil.INSTANCE);
            assertThat(text(c.call("HISTORY", "k", new byte[8]))).isEqualTo("-No more history");
        }

        @Test
        void keycurGivesACursorThatScanContinuesAfter() {
            start();
            RawClient c = raw();
            c.call("SET", "a", "1");
            c.call("SET", "b", "2");
            c.call("SET", "c", "3");
            byte[] cursor = ((Reply.Bulk) c.call("KEYCUR", "a")).value();
            assertThat(cursor).hasSize(17);
            List<String> after = new ArrayList<>();
            Reply reply = c.call("SCAN", cursor);
            while (reply instanceof Reply.Array page) { // pages are time-bounded: walk them all
                for (Reply item : ((Reply.Array) page.elements().get(1)).elements()) {
                    after.add(text(((Reply.Array) item).elements().get(0)));
                }
                reply = c.call("SCAN", ((Reply.Bulk) page.elements().get(0)).value());
            }
            assertThat(after).containsExactly("b", "c");
            assertThat(text(c.call("KEYCUR", "zzz"))).isEqualTo("-Key not found");
        }

        @Test
        void dataRawReturnsEntriesForReplicationUntilEof() {
            start();
            RawClient c = raw();
            c.call("SET", "k", "v");
            Reply.Array raw = (Reply.Array) c.call("DATA", "RAW", "0", "28");
            assertThat(text(raw.elements().get(0))).isEqualTo("k");
            assertThat(text(raw.elements().get(5))).isEqualTo("v");
            assertThat(text(c.call("DATA", "RAW", "0", String.valueOf(28 + 18 + 1 + 1)))).isEqualTo("-EOF");
        }

        @Test
        void indexDirtyListsFilesRewrittenInPlace() {
            start();
            RawClient c = raw();
            c.call("SET", "k", "1");
            c.call("NSJUMP");
            c.call("SET", "k", "2");
            Reply.Array dirty = (Reply.Array) c.call("INDEX", "DIRTY");
            assertThat(dirty.elements()).containsExactly(new Reply.Integer(0));
            assertThat(text(c.call("INDEX", "DIRTY", "RESET"))).isEqualTo("+OK");
            assertThat(((Reply.Array) c.call("INDEX", "DIRTY")).elements()).isEmpty();
        }
    }

    @Nested
    class Clients {
        @Test
        void waitWakesWhenAnotherClientRunsTheCommandOnTheSameNamespace() {
            start();
            RawClient waiter = raw();
            waiter.command("WAIT", "SET", "5000");
            CompletableFuture<Reply> woken = CompletableFuture.supplyAsync(waiter::reply);
            RawClient writer = raw();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                writer.call("SET", "k", String.valueOf(System.nanoTime()));
                assertThat(woken).isDone();
            });
            assertThat(text(woken.join())).isEqualTo("+SET");
        }

        @Test
        void waitTimesOut() {
            start();
            assertThat(text(raw().call("WAIT", "GET", "100"))).isEqualTo("-Timeout");
            assertThat(text(raw().call("WAIT", "GET", "10"))).isEqualTo("-Invalid timeout");
        }

        @Test
        void tenThousandPipelinedRequestsAreAnsweredInOrder() {
            start();
            ZdbConnection c = connect();
            var pipeline = c.pipeline();
            List<io.qsctl.zdb.client.Pending<Optional<byte[]>>> sets = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                sets.add(pipeline.set(bytes("k" + i), bytes("v" + i)));
            }
            pipeline.sync();
            for (int i = 0; i < 10_000; i++) {
                assertThat(sets.get(i).get()).contains(bytes("k" + i));
            }
            assertThat(c.get(bytes("k9999"))).contains(bytes("v9999"));
        }

        @Test
        void garbageGetsAnErrorAndACloseWhileOtherClientsCarryOn() {
            start();
            RawClient good = raw();
            good.call("SET", "k", "v");
            RawClient bad = raw();
            bad.send("HELLO WORLD\r\n");
            assertThat(text(bad.reply())).isEqualTo("-Malformed request, array expected");
            assertThat(bad.closedByServer()).isTrue();
            assertThat(good.call("GET", "k")).isEqualTo(new Reply.Bulk(bytes("v")));
        }

        @Test
        void aHugeAnnouncedBulkIsRefusedBeforeAnyOfItArrives() {
            start();
            RawClient bad = raw();
            bad.send("*2\r\n$3\r\nGET\r\n$1073741824\r\n");
            assertThat(text(bad.reply())).isEqualTo("-Payload too big");
            assertThat(bad.closedByServer()).isTrue();
        }

        @Test
        void tooManyArgumentsAreRefused() {
            start();
            RawClient c = raw();
            Object[] args = new Object[1025];
            args[0] = "MGET";
            for (int i = 1; i < args.length; i++) {
                args[i] = "k" + i;
            }
            assertThat(text(c.call(args))).isEqualTo("-Too many arguments");
            RawClient ok = raw();
            Object[] fine = java.util.Arrays.copyOf(args, 1024);
            assertThat(((Reply.Array) ok.call(fine)).elements()).hasSize(1023);
        }

        @Test
        void halfARequestAndASlowDripDoNotBlockOtherClients() throws Exception {
            start();
            RawClient half = raw();
            half.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nab");
            RawClient drip = raw();
            byte[] request = "*3\r\n$3\r\nSET\r\n$4\r\ndrip\r\n$3\r\nyes\r\n".getBytes(UTF_8);
            RawClient other = raw();
            for (byte b : request) {
                drip.send(new byte[] {b});
                assertThat(text(other.call("PING"))).isEqualTo("+PONG");
            }
            assertThat(drip.reply()).isEqualTo(new Reply.Bulk(bytes("drip")));
            half.send("cde\r\n");
            assertThat(half.reply()).isEqualTo(new Reply.Bulk(bytes("k")));
            assertThat(other.call("GET", "k")).isEqualTo(new Reply.Bulk(bytes("abcde")));
        }

        @Test
        void theServerAlsoListensOnAUnixSocket() {
            Path socket = root.resolve("zdb.sock");
            start(ServerSettings.loopback(0).withUnixSocket(Optional.of(socket), false));
            try (ZdbConnection c = ZdbConnection.open(ZdbClientConfig.unix(socket))) {
                assertThat(c.ping()).isEqualTo("PONG");
                c.set(bytes("k"), bytes("v"));
                assertThat(c.get(bytes("k"))).contains(bytes("v"));
            }
        }

        @Test
        void errorsReachTheClientAsServerExceptions() {
            start();
            ZdbConnection c = connect();
            assertThatThrownBy(() -> c.command("NSDEL", "default"))
                    .isInstanceOf(ZdbServerException.class).hasMessageContaining("Cannot remove default namespace");
        }
    }
}
