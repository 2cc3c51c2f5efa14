package io.qsctl.zstor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.it.InMemoryMetadata;
import io.qsctl.zstor.segment.SegmentLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No backend is contacted here: connections are made on first use. */
class StoreContextTest {

    private static ZStoreConfig config() {
        List<Backend> backends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            backends.add(new Backend("data-" + i, "127.0.0.1:1", "ns", "", Map.of()));
        }
        return ZStoreConfig.of(backends, 4, 2, new byte[32], new InMemoryMetadata());
    }

    @Test
    void theCodecOfAnotherCodeIsMadeOnceSoItsDecodingMatricesStayCached() {
        try (StoreContext context = new StoreContext(config())) {
            SegmentLayout older = SegmentLayout.of(3, 3, SegmentLayout.MIN_SHARD_CHUNK);
            assertThat(context.codec(older)).isSameAs(context.codec(older));
            assertThat(context.codec(older).dataShards()).isEqualTo(3);
            assertThat(context.codec(older).parityShards()).isEqualTo(3);
            assertThat(context.codec(older).kernel().name()).isEqualTo(context.codec().kernel().name());
            assertThat(context.codec(SegmentLayout.of(4, 2, SegmentLayout.MIN_SHARD_CHUNK))).isSameAs(context.codec());
        }
    }
}
