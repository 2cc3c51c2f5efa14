package io.qsctl.cli.cluster;

import io.qsctl.provider.identity.ResolvedIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says that the embedded grid's sandbox identity is in use: once per grid home, the first time a
 * command uses it (a marker file in the grid home remembers), and every time with {@code -v}.
 * Said on every command, it drowned what the commands had to say; said never, a user would not
 * learn that the sandbox identity is not recoverable elsewhere.
 */
final class SandboxNotice {

    /** In the grid home, beside {@code sandbox.key}: the notice was shown for this home's sandbox identity. */
    static final String MARKER = "sandbox-notice.shown";
    private static final Logger LOG = LoggerFactory.getLogger(SandboxNotice.class);

    private SandboxNotice() {
    }

    static void show(Path gridHome, ResolvedIdentity identity, boolean verbose, PrintWriter err) {
        Path marker = gridHome.resolve(MARKER);
        if (!verbose && Files.exists(marker)) {
            return;
        }
        err.println("Using the embedded grid's sandbox identity (" + identity.source() + "): fine for trying qsctl, not "
                + "recoverable elsewhere. `qsctl identity create` makes a real one. (Shown once per grid home; -v "
                + "shows it every time.)");
        err.flush();
        if (Files.exists(marker)) {
            return;
        }
        try {
            Files.writeString(marker, "the sandbox identity notice was shown at " + Instant.now() + "\n");
        } catch (IOException e) {
            // then it is shown again next time, which is all that is lost
            LOG.debug("cannot remember that the sandbox notice was shown ({}): {}", marker, e.toString());
        }
    }
}
