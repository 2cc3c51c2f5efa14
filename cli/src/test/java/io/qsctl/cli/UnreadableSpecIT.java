package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec the user may not read says so in the operating system's words, whichever command reads
 * it. Root reads a file of mode 000 anyway, so as root the packaged qsctl runs as user nobody
 * (util-linux {@code setpriv}), for whom the file is unreadable as for any user.
 */
class UnreadableSpecIT {

    private static final String NOBODY = "65534";

    @Test
    void anUnreadableSpecSaysPermissionDeniedWhateverCommandReadsIt(@TempDir Path dir) throws IOException {
        List<String> asUser = unprivileged();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path spec = Files.copy(QsctlRun.REPOSITORY.resolve("examples/quickstart.yaml"), dir.resolve("storage.yaml"));
        Files.setPosixFilePermissions(spec, Set.of());
        Map<String, String> env = Map.of("QSCTL_GRID_HOME", dir.resolve("grid").toString(),
                "QSCTL_STATE_DIR", dir.resolve("state").toString(), "HOME", dir.toString());

        for (List<String> args : List.of(List.of("validate", "-f", spec.toString()),
                List.of("apply", "-f", spec.toString(), "--auto-approve"), List.of("plan", "-f", spec.toString()))) {
            List<String> command = new ArrayList<>(asUser);
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    QsctlRun.JAR.toString()));
            command.addAll(args);
            QsctlRun run = QsctlRun.exec(command, env, "", dir, Duration.ofSeconds(60));
            assertThat(run.exitCode()).as("%s: %s", args, run.stderr()).isEqualTo(1);
            assertThat(run.stderr()).as(args.get(0)).isEqualTo("error: " + spec + ": cannot read: permission denied\n");
        }
        assertThat(dir.resolve("grid")).as("no grid was started for a spec nobody could read").doesNotExist();
    }

    /** Nothing for a user; for root, the command prefix that runs as nobody (or the test is skipped). */
    private static List<String> unprivileged() throws IOException {
        String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim();
        if (!uid.equals("0")) {
            return List.of();
        }
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(setpriv), "running as root, who reads a file of mode 000 anyway, and without "
                + "util-linux setpriv to run qsctl as another user");
        return List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups");
    }
}
