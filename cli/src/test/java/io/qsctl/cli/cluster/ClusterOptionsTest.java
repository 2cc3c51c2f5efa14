package io.qsctl.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

    @Test
    void aLockTimeoutTakesTheDurationsEveryOtherOptionTakes() {
        assertThat(lockTimeout("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(lockTimeout("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(lockTimeout("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aLockTimeoutThatIsNoDurationOrTooLongOrNegativeIsAUsageErrorInWords() {
        assertThatThrownBy(() -> lockTimeout("soon")).isInstanceOfSatisfying(QsctlException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessage("--lock-timeout: 'soon' is not a duration; write e.g. 30s, 5m, 2h or 1d");
        assertThatThrownBy(() -> lockTimeout("99999999999999999999s")).isInstanceOfSatisfying(QsctlException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("is longer than any wait");
        assertThatThrownBy(() -> lockTimeout("PT-5S")).isInstanceOf(QsctlException.class)
                .hasMessageContaining("'PT-5S' is negative");
    }

    private static Duration lockTimeout(String typed) {
        ClusterOptions options = new ClusterOptions();
        options.lockTimeout = typed;
        return options.lockTimeout();
    }
}
