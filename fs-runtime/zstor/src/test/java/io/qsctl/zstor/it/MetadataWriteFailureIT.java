package io.qsctl.zstor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.meta.MetadataStoreOptions;
import io.qsctl.zstor.meta.MetadataUnavailableException;
import io.qsctl.zstor.meta.ReplicatedMetadataStore;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.store.StoreFailedException;
import io.qsctl.zstor.store.ZStoreConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose last step, the metadata record, fails. Real 0-db servers: 4+2 data backends and
 * the real replicated metadata store on 4 more (reads need 2, writes 3).
 */
class MetadataWriteFailureIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path root;

    @Test
    void aRecordThatReachedTwoOfFourBackendsAndCannotBeWithdrawnKeepsItsChunksSoItReadsWhole() throws Exception {
        try (ZdbCluster data = ZdbCluster.start(root.resolve("data"), 6, KeyMode.SEQ);
                ZdbCluster meta = ZdbCluster.start(root.resolve("meta"), 4, KeyMode.USER);
                ReplicatedMetadataStore real = ReplicatedMetadataStore.open(meta.backends(), key(),
                        root.resolve("index"), MetadataStoreOptions.DEFAULT);
                WithdrawalsFail metadata = new WithdrawalsFail(real);
                ZStore store = ZStore.open(ZStoreConfig.of(data.backends(), 4, 2, key(), metadata))) {
            // Two metadata backends have a full disk: they answer reads and refuse writes, so a record
            // write reaches 2 of 4: enough shards to be read, too few to count as written. (Their
            // tombstone would reach the same two and hide the record; the withdrawal is made to fail
            // here as it does when those two backends go away between the write and the withdrawal.)
            for (int i : new int[] {2, 3}) {
                try (ZdbConnection admin = meta.admin(i)) {
                    admin.nsset(ZdbCluster.NAMESPACE, "maxsize", "1");
                }
            }
            byte[] content = bytes(3 * 1024 * 1024 + 17);

            assertThatThrownBy(() -> store.store(new ByteArrayInputStream(content)))
                    .isInstanceOf(StoreFailedException.class)
                    .hasMessageContaining("acknowledged by 2 of 4")
                    .hasMessageContaining("the segment's chunks were kept");

            // The record surfaces; its chunks used to be deleted by then, leaving it unreadable.
            assertThat(metadata.list()).hasSize(1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.retrieve(metadata.list().get(0), out);
            assertThat(out.toByteArray()).isEqualTo(content);
        }
    }

    @Test
    void aRecordThatCouldBeWithdrawnLeavesNoChunkBehind() throws Exception {
        try (ZdbCluster data = ZdbCluster.start(root.resolve("data"), 6, KeyMode.SEQ);
                ZdbCluster meta = ZdbCluster.start(root.resolve("meta"), 4, KeyMode.USER);
                ReplicatedMetadataStore metadata = ReplicatedMetadataStore.open(meta.backends(), key(),
                        root.resolve("index"), MetadataStoreOptions.DEFAULT);
                ZStore store = ZStore.open(ZStoreConfig.of(data.backends(), 4, 2, key(), metadata))) {
            // Two metadata backends down: the write is refused before anything is sent, and the
            // withdrawal finds nothing to withdraw, so the chunks can safely go.
            meta.stop(2);
            meta.stop(3);

            assertThatThrownBy(() -> store.store(new ByteArrayInputStream(bytes(2 * 1024 * 1024))))
                    .isInstanceOf(StoreFailedException.class)
                    .hasMessageContaining("metadata")
                    .message().doesNotContain("chunks were kept");

            for (int i = 0; i < data.size(); i++) {
                try (ZdbConnection backend = data.data(i)) {
                    assertThat(backend.dbsize()).as("chunks left on data backend %d", i).isZero();
                }
            }
        }
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The real metadata store, except that deletes fail as they do with too few backends. */
    private static final class WithdrawalsFail extends ForwardingMetadata {
        WithdrawalsFail(ReplicatedMetadataStore real) {
            super(real);
        }

        @Override
        public void delete(String id) {
            throw new MetadataUnavailableException("cannot delete metadata record " + id + ": backends went away");
        }
    }
}
