package io.qsctl.zdb.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qsctl.zdb.resp.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The client against the real 0-db, in the image threefoldtech/0-db publishes
 * (ghcr.io/threefoldtech/0-db, built by its .github/workflows/package.yaml from branch
 * development-v2). Override the image with {@code -Dzdb.image=...} or {@code ZDB_IMAGE}. Skips
 * where no Docker engine runs.
 */
class ZdbInteropIT {

    private static final String DEFAULT_IMAGE = "ghcr.io/threefoldtech/0-db:development-v2";
    private static final String ADMIN_PASSWORD = "interop-admin";
    private static final int ZDB_PORT = 9900;

    private static GenericContainer<?> zdb;
    private static ZdbClientConfig base;
    private static ZdbConnection admin;

    @BeforeAll
    static void startZdb() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return; // each test then reports itself skipped (an assumption here would hide them all)
        }
        String image = System.getProperty("zdb.image", System.getenv().getOrDefault("ZDB_IMAGE", DEFAULT_IMAGE));
        zdb = new GenericContainer<>(DockerImageName.parse(image))
                .withEnv("ADMIN", ADMIN_PASSWORD)
                .withExposedPorts(ZDB_PORT)
                .waitingFor(new AnswersPing().withStartupTimeout(Duration.ofMinutes(2)));
        zdb.start();
        base = ZdbClientConfig.tcp(zdb.getHost(), zdb.getMappedPort(ZDB_PORT)).withCommandTimeout(Duration.ofSeconds(20));
        admin = ZdbConnection.open(base.withAdminPassword(ADMIN_PASSWORD));
    }

    @BeforeEach
    void needsDocker() {
        assumeTrue(zdb != null, "no Docker engine available; skipping the interop tests against the real 0-db image");
    }

    @AfterAll
    static void stopZdb() {
        if (admin != null) {
            admin.close();
        }
        if (zdb != null) {
            zdb.stop();
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    /** A fresh namespace, made by the admin. */
    private static String namespace(String prefix) {
        String name = prefix + "-" + Long.toHexString(System.nanoTime());
        admin.nsnew(name);
        return name;
    }

    @Test
    void aPasswordProtectedPrivateNamespaceIsSelectedWithTheSecureChallenge() {
        String name = namespace("secure");
        admin.nsset(name, "password", "ns-secret");
        admin.nsset(name, "public", "0");

        try (ZdbConnection connection = ZdbConnection.open(base.withNamespace(name, "ns-secret"))) {
            assertThat(connection.set(b("k"), b("v"))).isPresent();
            assertThat(connection.get(b("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("v")));
        }
        assertThatThrownBy(() -> ZdbConnection.open(base.withNamespace(name)))
                .isInstanceOf(ZdbServerException.class)
                .satisfies(e -> assertThat(((ZdbServerException) e).serverMessage()).isEqualTo("Namespace protected and private"));
        assertThatThrownBy(() -> ZdbConnection.open(base.withNamespace(name, "wrong")))
                .isInstanceOf(ZdbServerException.class)
                .satisfies(e -> assertThat(((ZdbServerException) e).serverMessage()).isEqualTo("Access denied"));
    }

    @Test
    void binaryKeysAndValuesComeBackByteForByte() {
        String name = namespace("binary");
        byte[] key = new byte[255];
        byte[] value = new byte[1024 * 1024];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        new Random(1).nextBytes(value);
        value[0] = '\r';
        value[1] = '\n';

        try (ZdbConnection connection = ZdbConnection.open(base.withNamespace(name))) {
            assertThat(connection.set(key, value)).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));

            assertThat(connection.get(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
            assertThat(connection.exists(key)).isTrue();
            assertThat(connection.length(key)).hasValue(value.length);
            assertThat(connection.check(key)).isEqualTo(CheckResult.VALID);
            assertThat(connection.get(b("absent"))).isEmpty();
            assertThat(connection.del(key)).isTrue();
            assertThat(connection.del(key)).isFalse();
            assertThat(connection.exists(key)).isFalse();
        }
    }

    @Test
    void setAnswersNilWhenTheValueDidNotChange() {
        String name = namespace("unchanged");
        try (ZdbConnection connection = ZdbConnection.open(base.withNamespace(name))) {
            assertThat(connection.set(b("k"), b("same"))).isPresent();

            assertThat(connection.set(b("k"), b("same"))).isEmpty();
            assertThat(connection.set(b("k"), b("other"))).isPresent();
        }
    }

    @Test
    void seqModeHandsBackConsecutiveEightByteLittleEndianIds() {
        String name = namespace("seq");
        admin.nsset(name, "mode", "seq");

        try (ZdbConnection connection = ZdbConnection.open(base.withNamespace(name))) {
            byte[] first = connection.insert(b("one"));
            byte[] second = connection.insert(b("two"));

            assertThat(first).hasSize(SeqKeys.KEY_LENGTH);
            assertThat(SeqKeys.id(second)).isEqualTo(SeqKeys.id(first) + 1);
            assertThat(connection.get(second)).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("two")));
            assertThat(connection.set(first, b("one, updated"))).hasValueSatisfying(k -> assertThat(k).isEqualTo(first));
            assertThatThrownBy(() -> connection.set(b("user-key"), b("x"))).isInstanceOf(ZdbServerException.class);
        }
    }

    @Test
    void aPipelineOfAThousandSetsIsAnsweredInOrder() {
        String name = namespace("pipeline");
        try (ZdbConnection connection = ZdbConnection.open(base.withNamespace(name))) {
            Pipeline pipeline = connection.pipeline();
            List<Pending<Optional<byte[]>>> keys = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                keys.add(pipeline.set(b("key-" + i), b("value-" + i)));
            }
            List<Reply> replies = pipeline.sync();

            assertThat(replies).hasSize(1000);
            for (int i = 0; i < 1000; i++) {
                assertThat(keys.get(i).get()).hasValueSatisfying(k -> assertThat(k).isNotEmpty());
                assertThat(new String(keys.get(i).get().orElseThrow(), UTF_8)).isEqualTo("key-" + i);
            }
            assertThat(connection.dbsize()).isEqualTo(1000);
        }
    }

    @Test
    void scanWalksEveryKeyUntilNoMoreData() {
        String name = namespace("scan");
        Set<String> written = new HashSet<>();
        try (ZdbConnection connection = ZdbConnection.open(base.withNamespace(name))) {
            Pipeline pipeline = connection.pipeline();
            for (int i = 0; i < 500; i++) {
                pipeline.set(b("k" + i), b("v" + i));
                written.add("k" + i);
            }
            pipeline.sync();

            Set<String> seen = new HashSet<>();
            Optional<ScanPage> page = connection.scan();
            while (page.isPresent()) {
                page.get().entries().forEach(entry -> seen.add(new String(entry.key(), UTF_8)));
                page = connection.scan(page.get().cursor());
            }

            assertThat(seen).isEqualTo(written);
        }
    }

    @Test
    void nsinfoDescribesTheNamespace() {
        String name = namespace("info");
        admin.nsset(name, "password", "pw");
        admin.nsset(name, "public", "0");
        try (ZdbConnection connection = ZdbConnection.open(base.withNamespace(name, "pw"))) {
            connection.set(b("a"), b("12345"));
        }

        NamespaceInfo info = admin.nsinfo(name);

        assertThat(info.name()).contains(name);
        assertThat(info.entries()).hasValue(1);
        assertThat(info.passwordProtected()).contains(true);
        assertThat(info.isPublic()).contains(false);
        assertThat(info.mode()).contains("userkey");
        assertThat(info.dataSizeBytes()).isPresent();
        assertThat(admin.nslist()).contains(name);
    }

    /** Ready when 0-db answers PING through the mapped port. */
    private static final class AnswersPing extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            ZdbClientConfig config = ZdbClientConfig.tcp(waitStrategyTarget.getHost(),
                    waitStrategyTarget.getMappedPort(ZDB_PORT)).withReconnect(ReconnectPolicy.NONE)
                    .withConnectTimeout(Duration.ofSeconds(1)).withCommandTimeout(Duration.ofSeconds(1));
            await("0-db answering PING").atMost(startupTimeout).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                        try (ZdbConnection connection = ZdbConnection.open(config)) {
                            return connection.ping().equals("PONG");
                        }
                    });
        }
    }
}
