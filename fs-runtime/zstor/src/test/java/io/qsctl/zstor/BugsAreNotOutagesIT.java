package io.qsctl.zstor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.qsctl.common.QsctlException;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zstor.PlantedBug.Operation;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.it.ForwardingMetadata;
import io.qsctl.zstor.it.InMemoryMetadata;
import io.qsctl.zstor.it.TestData;
import io.qsctl.zstor.it.ZdbCluster;
import io.qsctl.zstor.meta.MetadataRepository;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.segment.ShardChunk;
import io.qsctl.zstor.store.SegmentDeleter;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A bug on the data path is thrown as itself, never taken for a backend that is away (a degraded
 * write, a rebuild from parity, an unreachable chunk, a chunk left behind). Six real 0-db servers
 * (4+2); the bug is planted in front of the store's real door to them ({@link PlantedBug}) while
 * every server is up and answering. What real outages do on each of these paths is what ZStoreIT,
 * HedgingIT and MetadataWriteFailureIT check.
 */
class BugsAreNotOutagesIT {

    private static final int SHARD_CHUNK = 64 * 1024;

    @TempDir
    Path root;

    private final byte[] dataKey = new byte[32];
    private final InMemoryMetadata metadata = new InMemoryMetadata();
    private final PlantedBug bug = new PlantedBug();
    private ZdbCluster cluster;
    private ZStore store;

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private ZStore start(MetadataRepository repository) {
        new SecureRandom().nextBytes(dataKey);
        cluster = ZdbCluster.start(root.resolve("zdb"), 6, KeyMode.SEQ);
        store = ZStore.open(config(cluster.backends(), repository), bug::around);
        return store;
    }

    private ZStoreConfig config(List<Backend> backends, MetadataRepository repository) {
        return ZStoreConfig.of(backends, 4, 2, dataKey, repository).withShardChunkSize(SHARD_CHUNK)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    private StoreResult put(long size) {
        try (InputStream in = TestData.stream(size, 7, false)) {
            return store.store(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long chunksOnBackends() {
        long chunks = 0;
        for (int i = 0; i < cluster.size(); i++) {
            try (ZdbConnection connection = cluster.data(i)) {
                chunks += connection.dbsize();
            }
        }
        return chunks;
    }

    @Test
    void aBugWhileWritingAShardFailsTheStoreAsItselfInsteadOfGivingTheBackendUpForADegradedWrite() {
        start(metadata);
        bug.plant(Operation.WRITE, "data-02");

        assertThatThrownBy(() -> put(1_000_000))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(QsctlException.class)
                .hasMessage("planted bug: WRITE on data-02");
        assertThat(metadata.list()).isEmpty();
        assertThat(chunksOnBackends()).as("the chunks written before the bug are deleted").isZero();
    }

    @Test
    void aBugInTheMetadataRepositoryIsThrownAsItselfAndTheChunksStay() {
        start(new BuggyPut(metadata));

        assertThatThrownBy(() -> put(300_000))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(QsctlException.class)
                .hasMessage("planted bug in put");
        // nobody can tell whether the record was written: the chunks stay, as when it cannot be withdrawn
        assertThat(chunksOnBackends()).isPositive();
    }

    @Test
    void aBugWhileReadingAShardFailsTheRetrieveInsteadOfRebuildingFromParity() {
        start(metadata);
        StoreResult stored = put(1_000_000);
        bug.plant(Operation.READ, store.describe(stored.id()).stripes().get(0).shards().get(0).backend());

        assertThatThrownBy(() -> store.retrieve(stored.id(), new TestData.Sink()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("planted bug: READ on ");
    }

    @Test
    void aBugWhileReadingAShardFailsTheCheckInsteadOfReportingTheBackendUnreachable() {
        start(metadata);
        StoreResult stored = put(1_000_000);
        bug.plant(Operation.READ, "data-04");

        assertThatThrownBy(() -> store.check(stored.id()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("planted bug: READ on data-04");
    }

    @Test
    void aBugWhileWritingARebuiltShardFailsTheRepairInsteadOfLeavingTheChunkMissing() {
        start(metadata);
        StoreResult stored = put(1_000_000);
        ShardChunk lost = store.describe(stored.id()).stripes().get(0).shards().get(1);
        try (ZdbConnection connection = cluster.data(cluster.indexOf(lost.backend()))) {
            connection.del(lost.key());
        }
        bug.plant(Operation.WRITE, lost.backend());

        assertThatThrownBy(() -> store.repair(stored.id()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("planted bug: WRITE on " + lost.backend());
    }

    @Test
    void aBugWhileMovingAShardFailsTheRebalanceInsteadOfAbandoningTheMove() {
        start(metadata);
        put(1_000_000);
        // farms 0,1,2,3,4,0: a backend in a new farm takes one of farm0's two shards
        Backend added = cluster.add("data-new", "farm9", "c9");
        store.close();
        store = ZStore.open(config(cluster.backends(), metadata), bug::around);
        bug.plant(Operation.WRITE, added.name());

        assertThatThrownBy(() -> store.rebalance(List.of(), 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("planted bug: WRITE on data-new");

        bug.plant(Operation.READ, "data-00", "data-05");
        assertThatThrownBy(() -> store.rebalance(List.of(), 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("planted bug: READ on data-0");
    }

    @Test
    void aBugWhileDeletingFailsTheDeleteInsteadOfLeavingChunksBehindSilently() {
        start(metadata);
        StoreResult stored = put(300_000);
        bug.plant(Operation.DELETE, "data-03");

        assertThatThrownBy(() -> store.delete(stored.id()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("planted bug: DELETE on data-03");
    }

    @Test
    void chunksABackendCannotDeleteAreLoggedWithTheBackendAndTheSegment() {
        start(metadata);
        StoreResult stored = put(300_000);
        int stripes = store.describe(stored.id()).stripes().size();
        Logger logger = (Logger) LoggerFactory.getLogger(SegmentDeleter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            cluster.stop(3);
            store.delete(stored.id());
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(metadata.list()).isEmpty();
        assertThat(appender.list).singleElement().satisfies(event -> {
            String line = event.getFormattedMessage();
            assertThat(line).startsWith("segment " + stored.id() + ": " + stripes + " chunk(s) on backend data-03 "
                    + "not deleted (first: stripe 0 shard ");
            cluster.passwords().forEach(password -> assertThat(line).doesNotContain(password));
        });
    }

    @Test
    void aBugWhileProbingABackendFailsTheStatusInsteadOfLeavingItsHealthUnknown() {
        start(metadata);
        bug.plant(Operation.NSINFO, "data-01");

        assertThatThrownBy(() -> store.status())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("planted bug: NSINFO on data-01");
    }

    /** A repository with a bug in its put: it throws what no repository may throw for a failed write. */
    private static final class BuggyPut extends ForwardingMetadata {
        BuggyPut(MetadataRepository inner) {
            super(inner);
        }

        @Override
        public long put(String id, byte[] record) {
            throw new IllegalStateException("planted bug in put");
        }
    }
}
