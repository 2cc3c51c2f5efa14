package io.qsctl.zstor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.segment.KeyMode;
import io.qsctl.zstor.store.RetrieveResult;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.ZStoreConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend that turns slow after the store: reads do not wait for it, they ask another one. */
class HedgingIT {

    @TempDir
    Path root;

    @Test
    void aReadHedgesAroundABackendThatBecameSlow() throws Exception {
        List<DelayProxy> proxies = new ArrayList<>();
        try (ZdbCluster cluster = ZdbCluster.start(root, 6, KeyMode.SEQ)) {
            List<Backend> backends = new ArrayList<>();
            for (Backend b : cluster.backends()) {
                DelayProxy proxy = new DelayProxy(Integer.parseInt(b.endpoint().substring(b.endpoint().lastIndexOf(':') + 1)));
                proxies.add(proxy);
                backends.add(new Backend(b.name(), "127.0.0.1:" + proxy.port(), b.namespace(), b.password(), b.labels()));
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            ZStoreConfig config = ZStoreConfig.of(backends, 4, 2, key, new InMemoryMetadata()).withShardChunkSize(256 * 1024)
                    .withHedgeMinDelay(Duration.ofMillis(50));
            try (ZStore store = ZStore.open(config)) {
                StoreResult stored = store.store(TestData.stream(3_000_000, 1, false));
                String expected = TestData.sha256(3_000_000, 1, false);

                // the backend holding data shard 0 (reads ask data shards first) becomes slow
                String slow = store.describe(stored.id()).stripes().get(0).shards().get(0).backend();
                proxies.get(cluster.indexOf(slow)).delay(5_000);

                TestData.Sink sink = new TestData.Sink();
                RetrieveResult read = store.retrieve(stored.id(), sink);
                assertThat(sink.sha256()).isEqualTo(expected);
                assertThat(read.hedgedReads()).as("reads sent to another backend because one was slow").isPositive();
            }
        } finally {
            for (DelayProxy proxy : proxies) {
                proxy.close();
            }
        }
    }
}
