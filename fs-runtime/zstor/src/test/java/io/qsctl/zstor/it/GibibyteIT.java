package io.qsctl.zstor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.meta.MetadataStoreOptions;
import io.qsctl.zstor.meta.ReplicatedMetadataStore;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.store.RetrieveResult;
import io.qsctl.zstor.store.SegmentUnreadableException;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5's main case: 1 GiB in segments over 20 real 0-db servers (16+4, seq mode, passwords,
 * default 1 MiB shard chunks). Four servers stopped: every segment reads back bit-identical.
 * A fifth stopped: a clear error naming the segment and how many shards are missing. The
 * metadata is the real thing: encrypted records on 4 more 0-db servers (user mode), one of which
 * is stopped with the four data servers (reads need 2 of 4).
 */
class GibibyteIT {

    private static final Logger LOG = LoggerFactory.getLogger(GibibyteIT.class);
    private static final int SEGMENTS = 8;
    private static final long SEGMENT_SIZE = 128L * 1024 * 1024;

    @TempDir
    Path root;

    private record Stored(String id, String sha256, long size) {
    }

    @Test
    void oneGibibyteReadsBackIdenticalWithFourBackendsStoppedAndFailsClearlyWithFive() throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        byte[] metadataKey = new byte[32];
        new SecureRandom().nextBytes(metadataKey);
        try (ZdbCluster cluster = ZdbCluster.start(root.resolve("data"), 20, KeyMode.SEQ);
                ZdbCluster metaCluster = ZdbCluster.start(root.resolve("meta"), 4, KeyMode.USER);
                ReplicatedMetadataStore metadata = ReplicatedMetadataStore.open(metaCluster.backends(), metadataKey,
                        root.resolve("meta-index"), MetadataStoreOptions.DEFAULT);
                ZStore store = ZStore.open(ZStoreConfig.of(cluster.backends(), 16, 4, key, metadata))) {
            List<Stored> stored = new ArrayList<>();
            LOG.info("{}", store.config());
            long start = System.nanoTime();
            for (int s = 0; s < SEGMENTS; s++) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(TestData.stream(SEGMENT_SIZE, s, s % 2 == 1), digest)) {
                    StoreResult result = store.store(in);
                    assertThat(result.degraded()).isFalse();
                    assertThat(result.size()).isEqualTo(SEGMENT_SIZE);
                    stored.add(new Stored(result.id(), HexFormat.of().formatHex(digest.digest()), result.size()));
                }
            }
            double storeSeconds = (System.nanoTime() - start) / 1e9;
            LOG.info("stored {} MiB in {} s ({} MB/s)", SEGMENTS * SEGMENT_SIZE >> 20, String.format("%.1f", storeSeconds),
                    String.format("%.0f", SEGMENTS * SEGMENT_SIZE / 1e6 / storeSeconds));

            // stop four servers, among them holders of data shards of every segment
            for (int i : new int[] {0, 5, 10, 15}) {
                cluster.stop(i);
            }
            metaCluster.stop(0);
            start = System.nanoTime();
            long reconstructed = 0;
            for (Stored segment : stored) {
                TestData.Sink sink = new TestData.Sink();
                RetrieveResult result = store.retrieve(segment.id(), sink);
                assertThat(sink.count()).isEqualTo(segment.size());
                assertThat(sink.sha256()).as("segment %s", segment.id()).isEqualTo(segment.sha256());
                reconstructed += result.reconstructedStripes();
            }
            double readSeconds = (System.nanoTime() - start) / 1e9;
            LOG.info("read {} MiB back with 4 of 20 backends stopped in {} s ({} MB/s), {} stripes reconstructed",
                    SEGMENTS * SEGMENT_SIZE >> 20, String.format("%.1f", readSeconds),
                    String.format("%.0f", SEGMENTS * SEGMENT_SIZE / 1e6 / readSeconds), reconstructed);
            assertThat(reconstructed).as("data shards were on the stopped servers").isPositive();

            cluster.stop(19);
            Stored first = stored.get(0);
            assertThatThrownBy(() -> store.retrieve(first.id(), new TestData.Sink()))
                    .isInstanceOf(SegmentUnreadableException.class)
                    .hasMessageContaining("cannot read segment " + first.id())
                    .hasMessageContaining("15 of 20 shards readable but 16 are needed")
                    .hasMessageContaining("5 shards are missing")
                    .satisfies(e -> assertThat(((SegmentUnreadableException) e).missing()).isEqualTo(5));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
