package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admin input beyond the embedded grid's bounds is a usage error (exit 64) that names the limit,
 * found before a grid is started or asked anything.
 */
class GridLimitsCliTest {

    @TempDir
    Path gridHome;

    private QsctlRun qsctl(String... args) {
        return QsctlRun.inProcess(Map.of("QSCTL_GRID_HOME", gridHome.toString()), "", args);
    }

    private void refused(String expected, String... args) {
        QsctlRun run = qsctl(args);
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(64);
        assertThat(run.stderr()).contains(expected).contains("Run 'qsctl grid");
        assertThat(run.stdout()).isEmpty();
        assertThat(Files.exists(gridHome.resolve("grid.json"))).as("no grid was started").isFalse();
    }

    @Test
    void aClockAdvanceOfMoreThan3650DaysIsRefusedNamingTheLimit() {
        refused("the grid clock advances at most 3650d (about ten years) at a time, not 100000000d",
                "grid", "clock", "advance", "100000000d");
        refused("at most 3650d", "grid", "clock", "advance", "3651d");
        refused("at most 3650d", "grid", "clock", "advance", "P3651D");
        refused("'99999999999999999999d' is longer than any duration the grid clock can take",
                "grid", "clock", "advance", "99999999999999999999d");
        refused("only goes forward", "grid", "clock", "advance", "PT-1H");
    }

    @Test
    void aTransferAboveAMillionTftOrNotPositiveIsRefusedNamingTheLimit() {
        refused("the amount is at most 1000000 TFT, not 1000000.0000001 TFT", "grid", "fund", "1", "1000000.0000001");
        refused("the amount is at most 1000000 TFT", "grid", "drain", "1", "5000000");
        refused("the amount must be more than 0 TFT, not 0 TFT", "grid", "fund", "1", "0");
        refused("'1e400' is not an amount of TFT", "grid", "fund", "1", "1e400");
    }

    @Test
    void idsThatAreNotPositiveAndTimeScalesBeyondAMillionAreRefused() {
        refused("a twin id is a positive number", "grid", "fund", "0", "10");
        refused("a node id is a positive number", "grid", "node", "stop", "-3");
        refused("'99999999999999999999' is not a long", "grid", "node", "wipe", "99999999999999999999");
        refused("--time-scale: the time scale is from 1 to 1000000 grid seconds per real second, not 1000001",
                "grid", "up", "--time-scale", "1000001");
    }
}
