package io.qsctl.cli.zdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ServingReportTest {

    private final ServingReport tcp = new ServingReport(42, Optional.of("127.0.0.1"), OptionalInt.of(9900), Optional.empty(),
            "tcp://127.0.0.1:9900", "./zdb-data", "./zdb-index");

    @Test
    void theTextLineSaysWhereAndOnWhichDirectories() {
        assertThat(tcp.textLine()).isEqualTo("zdb: serving on tcp 127.0.0.1:9900 (data ./zdb-data, index ./zdb-index)");
    }

    @Test
    void theJsonLineIsOneLineThatReadsBackEqual() {
        assertThat(tcp.jsonLine()).doesNotContain("\n").startsWith("{\"type\":\"serving\",\"time\":\"")
                .contains("\"pid\":42,");
        assertThat(ServingReport.parse(tcp.jsonLine())).isEqualTo(tcp);
    }

    @Test
    void aSocketOnlyServerHasNoPortAndIPv6AddressesAreBracketed() {
        ServingReport unix = new ServingReport(1, Optional.empty(), OptionalInt.empty(), Optional.of("/run/zdb.sock"),
                "unix:///run/zdb.sock", "d", "i");
        assertThat(unix.endpoints()).isEqualTo("unix /run/zdb.sock");
        assertThat(unix.jsonLine()).contains("\"port\":null");
        assertThat(ServingReport.parse(unix.jsonLine())).isEqualTo(unix);
        ServingReport both = new ServingReport(1, Optional.of("::1"), OptionalInt.of(9900), Optional.of("/s"), "unix:///s",
                "d", "i");
        assertThat(both.endpoints()).isEqualTo("tcp [::1]:9900 and unix /s");
    }
}
