package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals of {@code qsctl zdb}, in-process: none of them starts a server. */
class ZdbCommandTest {

    @TempDir
    Path dir;

    private QsctlRun zdb(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "zdb";
        all[1] = "--data";
        all[2] = dir.resolve("data").toString();
        all[3] = "--index";
        all[4] = dir.resolve("index").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return QsctlRun.inProcess(env, "", all);
    }

    private QsctlRun zdb(String... args) {
        return zdb(Map.of(), args);
    }

    @Test
    void protectNeedsAnAdminPassword() {
        QsctlRun run = zdb("--protect");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr()).contains("--protect needs an admin password: set QSCTL_ZDB_ADMIN (or give --admin)");
    }

    @Test
    void theDataFileSizeMustStayUnder4GiB() {
        assertThat(zdb("--datasize", "4G").exitCode()).isEqualTo(64);
        assertThat(zdb("--datasize", "0").stderr()).contains("--datasize must be at least 1 byte and less than 4GiB");
        assertThat(zdb(Map.of("QSCTL_DATASIZE", "5GB")).exitCode()).isEqualTo(64);
    }

    @Test
    void badValuesAreUsageErrorsThatSayWhy() {
        assertThat(zdb("--mode", "fast").stderr()).contains("'fast' is not a mode; use user or seq");
        assertThat(zdb("--maxsize", "-5").stderr()).contains("a size cannot be negative");
        assertThat(zdb("--port", "70000").stderr()).contains("--port must be between 0 and 65535");
        assertThat(zdb("--dualnet").stderr()).contains("--dualnet needs --socket");
        assertThat(zdb("--synctime", "-1").exitCode()).isEqualTo(64);
        assertThat(zdb(Map.of("QSCTL_ZDB_ADMIN", "x".repeat(129))).stderr()).contains("longer than 128 bytes");
    }

    @Test
    void aHookThatIsNotAnExecutableFileIsRefusedBeforeAnythingStarts() {
        QsctlRun run = zdb("--hook", dir.resolve("nope.sh").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip()).isEqualTo("error: --hook " + dir.resolve("nope.sh") + ": no such file");
        assertThat(dir.resolve("index")).doesNotExist();
    }

    @Test
    void theHelpShowsEveryOptionOf0dbAndNoPassword() {
        QsctlRun run = QsctlRun.inProcess(Map.of("QSCTL_ADMIN", "hunter2"), "", "zdb", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("--data", "--index", "--listen", "--port", "--socket", "--dualnet", "--mode",
                "--datasize", "--maxsize", "--admin", "--protect", "--hook", "--sync", "--synctime", "--rotate",
                "--background", "--logfile", "130").doesNotContain("hunter2").doesNotContain("--ready-file");
    }
}
