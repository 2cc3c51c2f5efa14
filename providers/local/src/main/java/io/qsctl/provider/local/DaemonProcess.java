package io.qsctl.provider.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the kernel says about a grid daemon's process: when it started, and whether it is
 * stopped by a signal (SIGSTOP, Ctrl-Z), which is why a live daemon may not answer at all.
 */
final class DaemonProcess {

    private DaemonProcess() {
    }

    /** When the process started, as the kernel recorded it. */
    static Optional<Instant> startedAt(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant());
    }

    /**
     * Whether the process is stopped (state {@code T} or {@code t} in {@code /proc/PID/stat}).
     * False where there is no {@code /proc}: then only the silence is known.
     */
    static boolean suspended(long pid) {
        return state(pid).map(s -> s == 'T' || s == 't').orElse(false);
    }

    /**
     * Whether the process has ended but was not reaped yet (a zombie, state {@code Z} or {@code X}):
     * {@link ProcessHandle#isAlive()} still says true, though it holds no lock and serves nothing.
     */
    static boolean ended(long pid) {
        return state(pid).map(s -> s == 'Z' || s == 'X').orElse(false);
    }

    /** The process's state letter from {@code /proc/PID/stat}, where there is one. */
    private static Optional<Character> state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // "pid (command) S ...": the command may hold spaces and parentheses, the state follows the last ')'
            int end = stat.lastIndexOf(')');
            if (end < 0 || end + 2 >= stat.length()) {
                return Optional.empty();
            }
            return Optional.of(stat.charAt(end + 2));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends SIGCONT, so that a stopped daemon can act on the SIGTERM it was sent. Where that cannot
     * be done (no {@code kill} here), the caller's escalation to SIGKILL ends the daemon instead.
     */
    static void resume(long pid) {
        for (String kill : List.of("/bin/kill", "/usr/bin/kill")) {
            if (Files.isExecutable(Path.of(kill))) {
                try {
                    new ProcessBuilder(kill, "-CONT", Long.toString(pid)).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                } catch (IOException e) {
                    // as without kill: SIGKILL follows
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }
}
