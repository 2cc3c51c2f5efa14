package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour decided by a real terminal: the packaged qsctl runs on a pseudo-terminal that util-linux's
 * {@code script} opens, so stdin and stdout are a tty exactly as in a user's shell.
 */
class ColorOnTerminalIT {

    private static final String ESCAPE = "\u001b[";

    @TempDir
    static Path dir;
    private static Path badSpec;

    @BeforeAll
    static void needsScript() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is not installed");
        badSpec = Files.writeString(dir.resolve("bad.yaml"), "kind: x\n");
    }

    @Test
    void problemsAreColouredOnATerminal() {
        assertThat(onTerminal(Map.of(), "validate", "-f", badSpec.toString())).contains(ESCAPE);
    }

    @Test
    void noColorTurnsColourOffOnATerminal() {
        assertThat(onTerminal(Map.of("NO_COLOR", "1"), "validate", "-f", badSpec.toString()))
                .doesNotContain(ESCAPE).contains("missing required key 'apiVersion'");
    }

    @Test
    void anEmptyNoColorIsIgnoredAsNoColorOrgSays() {
        assertThat(onTerminal(Map.of("NO_COLOR", ""), "validate", "-f", badSpec.toString())).contains(ESCAPE);
    }

    @Test
    void aDumbTerminalGetsNoColour() {
        assertThat(onTerminal(Map.of("TERM", "dumb"), "validate", "-f", badSpec.toString())).doesNotContain(ESCAPE);
    }

    @Test
    void theNoColorFlagTurnsColourOffOnATerminal() {
        assertThat(onTerminal(Map.of(), "--no-color", "validate", "-f", badSpec.toString())).doesNotContain(ESCAPE);
    }

    @Test
    void anExplicitColorAlwaysWinsOverNoColor() {
        assertThat(onTerminal(Map.of("NO_COLOR", "1"), "--color=always", "validate", "-f", badSpec.toString()))
                .contains(ESCAPE);
    }

    /** What the terminal showed (stdout and stderr both reach it). */
    private static String onTerminal(Map<String, String> env, String... args) {
        StringBuilder command = new StringBuilder("exec '")
                .append(Path.of(System.getProperty("java.home"), "bin", "java")).append("' -jar '")
                .append(QsctlRun.JAR).append('\'');
        for (String arg : args) {
            command.append(" '").append(arg.replace("'", "'\\''")).append('\'');
        }
        Map<String, String> environment = new HashMap<>(Map.of("TERM", "xterm-256color"));
        environment.putAll(env);
        QsctlRun run = QsctlRun.exec(List.of("/usr/bin/script", "-qec", command.toString(), "/dev/null"),
                environment, "", dir, java.time.Duration.ofSeconds(60));
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
        return run.stdout();
    }
}
