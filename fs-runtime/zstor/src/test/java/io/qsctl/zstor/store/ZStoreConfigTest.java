package io.qsctl.zstor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.meta.MetadataRepository;
import io.qsctl.zstor.segment.SegmentLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZStoreConfigTest {

    private static final MetadataRepository NONE = new MetadataRepository() {
        @Override
        public long put(String id, byte[] record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<VersionedRecord> get(String id) {
            return Optional.empty();
        }

        @Override
        public void delete(String id) {
        }

        @Override
        public List<String> list() {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    private static List<Backend> backends(int count) {
        List<Backend> backends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            backends.add(new Backend("b" + i, "127.0.0.1:" + (9000 + i), "ns", "secret-password-" + i, Map.of()));
        }
        return backends;
    }

    @Test
    void defaultsFollowTheIssue() {
        ZStoreConfig config = ZStoreConfig.of(backends(20), 16, 4, new byte[32], NONE);
        assertThat(config.minShardsPerWrite()).isEqualTo(17);
        assertThat(config.shardChunkSize()).isLessThan(1024 * 1024);
        assertThat(config.stripesInFlight()).isBetween(2, 4);
    }

    @Test
    void stripesInFlightFollowTheHeap() {
        SegmentLayout layout = SegmentLayout.of(16, 4, ZStoreConfig.DEFAULT_SHARD_CHUNK);
        assertThat(ZStoreConfig.defaultStripesInFlight(layout, 256L << 20)).isEqualTo(2);
        assertThat(ZStoreConfig.defaultStripesInFlight(layout, 512L << 20)).isEqualTo(3);
        assertThat(ZStoreConfig.defaultStripesInFlight(layout, 8L << 30)).isEqualTo(4);
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> ZStoreConfig.of(backends(19), 16, 4, new byte[32], NONE))
                .hasMessageContaining("at least 20 backends");
        assertThatThrownBy(() -> ZStoreConfig.of(backends(20), 16, 4, new byte[16], NONE))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ZStoreConfig.of(backends(20), 16, 4, new byte[32], NONE).withMinShardsPerWrite(15))
                .hasMessageContaining("between 16 and 20");
        List<Backend> twice = new ArrayList<>(backends(20));
        twice.add(twice.get(0));
        assertThatThrownBy(() -> ZStoreConfig.of(twice, 16, 4, new byte[32], NONE)).hasMessageContaining("two backends");
    }

    @Test
    void itNeverPrintsTheKeyOrAPassword() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0x5A);
        ZStoreConfig config = ZStoreConfig.of(backends(20), 16, 4, key, NONE);
        assertThat(config.toString()).doesNotContain(HexFormat.of().formatHex(key)).doesNotContain("secret-password");
        assertThat(config.backends().toString()).doesNotContain("secret-password");
        byte[] copy = config.dataKey();
        copy[0] = 0;
        assertThat(config.dataKey()[0]).as("the config keeps its own copy").isEqualTo((byte) 0x5A);
    }
}
