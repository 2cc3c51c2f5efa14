package io.qsctl.cli.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The progress line of a transfer. */
class ProgressTest {

    @Test
    void theProgressLineGivesItsRateInTheUnitsOfItsSizes() throws IOException {
        StringWriter printed = new StringWriter();
        Progress progress = new Progress(new PrintWriter(printed), true, false, "read", OptionalLong.of(300L << 20));
        OutputStream out = progress.wrap(new ByteArrayOutputStream());
        byte[] block = new byte[4096];

        // a terminal gets a line twice a second: write until the first one is out
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            out.write(block);
            return printed.toString().contains("/s");
        });

        assertThat(printed.toString()).matches("(?s)\rread [0-9.]+ (B|KiB|MiB) of 300.0 MiB \\(\\d+%\\), [0-9.]+ (B|KiB|MiB|GiB)/s.*")
                .doesNotContain("MB/s");
    }
}
