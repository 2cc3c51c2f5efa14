package io.qsctl.zstor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zstor.ScrubSchedule;
import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The scheduled scrub on real 0-db servers: a chunk damaged behind the store's back is found by a
 * later pass and repaired without anyone asking; a pass that fails is recorded and the next one
 * runs.
 */
class ScrubScheduleIT {

    @TempDir
    Path root;

    @Test
    void aLaterPassFindsAndRepairsAChunkDamagedAfterTheStore() throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        InMemoryMetadata metadata = new InMemoryMetadata();
        List<ScrubSchedule.Pass> passes = new CopyOnWriteArrayList<>();
        try (ZdbCluster cluster = ZdbCluster.start(root, 6, KeyMode.SEQ);
                ZStore store = ZStore.open(ZStoreConfig.of(cluster.backends(), 4, 2, key, metadata)
                        .withShardChunkSize(256 * 1024))) {
            StoreResult stored;
            try (InputStream in = TestData.stream(3_000_000, 11, false)) {
                stored = store.store(in);
            }
            try (ScrubSchedule schedule = ScrubSchedule.start(store,
                    new ScrubSchedule.Settings(Duration.ofMillis(200), 50_000_000, true), passes::add)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> passes.size() >= 1);
                assertThat(passes.get(0).report()).hasValueSatisfying(r -> {
                    assertThat(r.segments()).isEqualTo(1);
                    assertThat(r.damaged()).isEmpty();
                });

                ShardChunk victim = store.describe(stored.id()).stripes().get(0).shards().get(1);
                try (ZdbConnection connection = cluster.data(cluster.indexOf(victim.backend()))) {
                    byte[] value = connection.get(victim.key()).orElseThrow();
                    value[value.length / 2] ^= 0x5A;
                    connection.set(victim.key(), value);
                }
                int before = passes.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> passes.stream().skip(before)
                        .anyMatch(p -> p.report().map(r -> !r.repairs().isEmpty()).orElse(false)));
                ScrubSchedule.Pass repairing = passes.stream().skip(before)
                        .filter(p -> p.report().map(r -> !r.repairs().isEmpty()).orElse(false)).findFirst().orElseThrow();
                assertThat(repairing.report().orElseThrow().damaged()).hasSize(1);
                assertThat(repairing.report().orElseThrow().repairs().get(0).complete()).isTrue();
                assertThat(store.check(stored.id()).healthy()).isTrue();
                assertThat(schedule.lastFailure()).isEmpty();
            }
        }
    }

    @Test
    void aFailedPassIsRecordedAndTheNextOneStillRuns() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<ScrubSchedule.Pass> passes = new CopyOnWriteArrayList<>();
        InMemoryMetadata metadata = new InMemoryMetadata();
        try (ZdbCluster cluster = ZdbCluster.start(root, 6, KeyMode.SEQ);
                ZStore store = ZStore.open(ZStoreConfig.of(cluster.backends(), 4, 2, key, new FailingList(metadata)));
                ScrubSchedule schedule = ScrubSchedule.start(store,
                        new ScrubSchedule.Settings(Duration.ofMillis(100), 0, false), passes::add)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> passes.size() >= 2);
            assertThat(passes.get(0).failure()).hasValueSatisfying(f -> assertThat(f).contains("metadata backends away"));
            assertThat(passes.get(1).failure()).isPresent();
            assertThat(schedule.lastFailure()).isPresent();
        }
    }

    @Test
    void aPassThatFailsWithABugIsLoggedWithItsStackTraceAndTheNextOneStillRuns() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<ScrubSchedule.Pass> passes = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ScrubSchedule.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (ZdbCluster cluster = ZdbCluster.start(root, 6, KeyMode.SEQ);
                ZStore store = ZStore.open(ZStoreConfig.of(cluster.backends(), 4, 2, key,
                        new FailingList(new InMemoryMetadata(), () -> new IllegalStateException("planted bug"))));
                ScrubSchedule schedule = ScrubSchedule.start(store,
                        new ScrubSchedule.Settings(Duration.ofMillis(100), 0, false), passes::add)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> passes.size() >= 2);
            assertThat(passes.get(0).failure()).contains("IllegalStateException: planted bug");
        } finally {
            logger.detachAppender(appender);
        }
        ILoggingEvent first = appender.list.get(0);
        assertThat(first.getFormattedMessage()).isEqualTo("scrub pass 1 failed with a bug; the next pass still runs");
        assertThat(first.getThrowableProxy()).isNotNull();
        assertThat(first.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
    }

    /** Metadata whose listing fails, as when every metadata backend is away (or with a bug). */
    private static final class FailingList extends ForwardingMetadata {
        private final Supplier<RuntimeException> failure;

        FailingList(InMemoryMetadata inner) {
            this(inner, () -> io.qsctl.common.QsctlException.invalidInput("metadata backends away"));
        }

        FailingList(InMemoryMetadata inner, Supplier<RuntimeException> failure) {
            super(inner);
            this.failure = failure;
        }

        @Override
        public List<String> list() {
            throw failure.get();
        }
    }
}
