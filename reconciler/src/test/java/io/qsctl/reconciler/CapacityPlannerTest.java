package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.QsctlException;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.Redundancy;
import org.junit.jupiter.api.Test;

class CapacityPlannerTest {

    @Test
    void twoTebibytesOverTwentyNodesWithSixteenPlusFourGiveBackendsOf160GiB() {
        // 2048 GiB × 20/16 = 2560 GiB stored, ÷ 20 = 128 GiB, × 1.25 headroom = 160 GiB
        assertThat(CapacityPlanner.dataBackendSize(ByteSize.ofGibibytes(2048), new Redundancy(16, 4), 20))
                .isEqualTo(160 * ByteSize.GIB);
    }

    @Test
    void roundsUpToAWholeGibibyte() {
        // 10 GiB × 6/4 ÷ 6 × 1.25 = 3.125 GiB
        assertThat(CapacityPlanner.dataBackendSize(ByteSize.ofGibibytes(10), new Redundancy(4, 2), 6))
                .isEqualTo(4 * ByteSize.GIB);
    }

    @Test
    void moreNodesThanShardsShareTheStoredBytes() {
        // 100 GiB × 6/4 ÷ 12 × 1.25 = 15.625 GiB
        assertThat(CapacityPlanner.dataBackendSize(ByteSize.ofGibibytes(100), new Redundancy(4, 2), 12))
                .isEqualTo(16 * ByteSize.GIB);
    }

    @Test
    void neverGivesLessThanOneGibibyte() {
        assertThat(CapacityPlanner.dataBackendSize(ByteSize.ofMebibytes(1), new Redundancy(4, 2), 6))
                .isEqualTo(ByteSize.GIB);
    }

    @Test
    void refusesACapacityNoBackendCouldHold() {
        assertThatThrownBy(() -> CapacityPlanner.dataBackendSize(ByteSize.ofBytes(Long.MAX_VALUE), new Redundancy(1, 254),
                255)).isInstanceOf(QsctlException.class).hasMessageContaining("raise nodes.count");
    }

    @Test
    void metadataBackendsGetTheSizeTheSpecSays() {
        BackendSizes sizes = CapacityPlanner.sizes(Clusters.named("x").build().spec());
        assertThat(sizes.metadata()).isEqualTo(ByteSize.GIB);
    }
}
