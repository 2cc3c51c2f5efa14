package io.qsctl.zstor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ZdbServerException;
import io.qsctl.zstor.segment.KeyMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthClassifierTest {

    /** NSINFO as 0-db 2.x prints it for a seq namespace. */
    private static String nsinfo(String locked, long used, long limit, String mode, long ioErrors, long diskFree) {
        return "# namespace\nname: data\nentries: 12\npublic: no\nworm: no\nlocked: " + locked + "\npassword: yes\n"
                + "data_size_bytes: " + used + "\ndata_size_mb: 0.00\ndata_limits_bytes: " + limit + "\n"
                + "index_size_bytes: 504\nindex_size_kb: 0.49\nmode: " + mode + "\n"
                + "stats_index_io_errors: 0\nstats_index_io_error_last: 0\nstats_index_faults: 0\n"
                + "stats_data_io_errors: " + ioErrors + "\nstats_data_io_error_last: 0\nstats_data_faults: 0\n"
                + "index_disk_freespace_bytes: " + diskFree + "\ndata_disk_freespace_bytes: " + diskFree + "\n";
    }

    private static Classification classify(String text) {
        return HealthClassifier.fromNamespaceInfo(NamespaceInfo.parse(text), KeyMode.SEQ, 4 << 20);
    }

    @Test
    void anOrdinarySeqNamespaceWithRoomIsHealthy() {
        assertThat(classify(nsinfo("no", 1000, 0, "sequential", 0, 50L << 30)).state()).isEqualTo(HealthState.HEALTHY);
        assertThat(classify(nsinfo("no", 1000, 100L << 20, "sequential", 0, 50L << 30)).state())
                .isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aLockedNamespaceIsLocked() {
        Classification c = classify(nsinfo("yes", 1000, 0, "sequential", 0, 50L << 30));
        assertThat(c.state()).isEqualTo(HealthState.LOCKED);
        assertThat(c.reason()).contains("locked");
    }

    @Test
    void aNamespaceWithoutRoomForAFewStripesIsFull() {
        Classification c = classify(nsinfo("no", 99L << 20, 100L << 20, "sequential", 0, 50L << 30));
        assertThat(c.state()).isEqualTo(HealthState.FULL);
        assertThat(c.reason()).contains("uses 103809024 of its 104857600 bytes");
        assertThat(classify(nsinfo("no", 0, 0, "sequential", 0, 1 << 20)).state()).isEqualTo(HealthState.FULL);
    }

    @Test
    void ioErrorsOrTheWrongModeMeanCorrupt() {
        assertThat(classify(nsinfo("no", 0, 0, "sequential", 3, 50L << 30)).state()).isEqualTo(HealthState.CORRUPT);
        Classification userMode = classify(nsinfo("no", 0, 0, "userkey", 0, 50L << 30));
        assertThat(userMode.state()).isEqualTo(HealthState.CORRUPT);
        assertThat(userMode.reason()).contains("userkey mode, the store writes in seq mode");
    }

    @Test
    void errorsMapToStates() {
        assertThat(HealthClassifier.fromError(new ZdbServerException("x", "No space left on this namespace")))
                .map(Classification::state).contains(HealthState.FULL);
        assertThat(HealthClassifier.fromError(new ZdbServerException("x", "Namespace is temporarily locked (read-only)")))
                .map(Classification::state).contains(HealthState.LOCKED);
        assertThat(HealthClassifier.fromError(new ZdbServerException("x",
                "Namespace is temporarily frozen (read-write disabled)"))).map(Classification::state)
                .contains(HealthState.LOCKED);
        assertThat(HealthClassifier.fromError(new ZdbServerException("x", "Access denied")))
                .map(Classification::state).contains(HealthState.UNREACHABLE);
        assertThat(HealthClassifier.fromError(new ZdbServerException("x", "Invalid argument"))).isEmpty();
        assertThat(HealthClassifier.fromError(new IllegalStateException("bug"))).isEqualTo(Optional.empty());
    }
}
