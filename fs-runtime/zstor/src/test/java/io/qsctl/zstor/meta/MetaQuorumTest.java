package io.qsctl.zstor.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetaQuorumTest {

    @Test
    void fourBackendsAreTwoDataTwoParityWritesNeedThreeReadsNeedTwo() {
        assertThat(MetaQuorum.forBackends(4)).isEqualTo(new MetaQuorum(4, 2, 2, 3, 2));
    }

    @Test
    void otherCountsFollowTheDocumentedRule() {
        assertThat(MetaQuorum.forBackends(1)).isEqualTo(new MetaQuorum(1, 1, 0, 1, 1));
        assertThat(MetaQuorum.forBackends(2)).isEqualTo(new MetaQuorum(2, 1, 1, 2, 1));
        assertThat(MetaQuorum.forBackends(3)).isEqualTo(new MetaQuorum(3, 1, 2, 2, 2));
        assertThat(MetaQuorum.forBackends(5)).isEqualTo(new MetaQuorum(5, 2, 3, 4, 2));
        assertThat(MetaQuorum.forBackends(6)).isEqualTo(new MetaQuorum(6, 3, 3, 5, 3));
        assertThat(MetaQuorum.forBackends(8)).isEqualTo(new MetaQuorum(8, 4, 4, 6, 4));
    }

    @Test
    void everyCountKeepsTheSafetyConditions() {
        for (int n = 1; n <= MetaQuorum.MAX_BACKENDS; n++) {
            MetaQuorum q = MetaQuorum.forBackends(n);
            assertThat(2 * q.writeQuorum()).as("2W >= N + D for %d", n).isGreaterThanOrEqualTo(n + q.dataShards());
            assertThat(q.readQuorum() + q.writeQuorum()).as("R + W > N for %d", n).isGreaterThan(n);
            assertThat(q.readQuorum()).isGreaterThanOrEqualTo(q.dataShards());
            if (n > 1) {
                assertThat(q.writeQuorum()).as("a committed write survives one loss for %d", n)
                        .isGreaterThan(q.dataShards());
            }
        }
    }

    @Test
    void refusesZeroOrTooManyBackends() {
        assertThatThrownBy(() -> MetaQuorum.forBackends(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetaQuorum.forBackends(256)).isInstanceOf(IllegalArgumentException.class);
    }
}
