package io.qsctl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock between real JVM processes, including one killed with SIGKILL while it holds it. */
class StateLockProcessTest {

    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anotherProcessHoldingTheLockIsNamedAndWaitedFor() throws Exception {
        try (ChildProcess.Handle child = ChildProcess.Handle.start("hold", dir.toString())) {
            await().atMost(START).until(() -> child.lineStartingWith("locked ").isPresent());
            String[] locked = child.lineStartingWith("locked ").orElseThrow().split(" ");
            assertThat(StateLock.inspect(dir)).isInstanceOfSatisfying(LockState.Held.class,
                    held -> assertThat(held.holder().orElseThrow().id()).isEqualTo(locked[1]));
            assertThatThrownBy(() -> StateLock.acquire(dir, "plan", "0.1.0", Duration.ZERO))
                    .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT))
                    .hasMessageContaining("state is locked by apply by ")
                    .hasMessageContaining(" (id " + locked[1] + ", pid " + locked[2] + " on ");

            child.send("release");
            try (StateLock mine = StateLock.acquire(dir, "plan", "0.1.0", Duration.ofSeconds(30))) {
                assertThat(child.lines).contains("released");
                assertThat(mine.staleHolder()).isEmpty();
            }
        }
    }

    @Test
    void aProcessSeesTheLockThisProcessHolds() throws Exception {
        try (StateLock mine = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO);
                ChildProcess.Handle child = ChildProcess.Handle.start("try", dir.toString())) {
            assertThat(child.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process.exitValue()).isEqualTo(4);
            await().atMost(START).until(() -> child.lineStartingWith("state is locked by apply by " + mine.info().who()
                    + " (id " + mine.info().id())
                    .isPresent());
        }
    }

    @Test
    void aKilledHoldersLockIsFreeAndItsRecordReportedAsStale() throws Exception {
        String id;
        String pid;
        try (ChildProcess.Handle child = ChildProcess.Handle.start("hold", dir.toString())) {
            await().atMost(START).until(() -> child.lineStartingWith("locked ").isPresent());
            String[] locked = child.lineStartingWith("locked ").orElseThrow().split(" ");
            id = locked[1];
            pid = locked[2];
            child.kill();
        }
        assertThat(StateLock.inspect(dir)).isInstanceOfSatisfying(LockState.Stale.class, stale -> {
            assertThat(stale.holder().id()).isEqualTo(id);
            assertThat(stale.holder().pid()).isEqualTo(Long.parseLong(pid));
        });
        try (StateLock mine = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            assertThat(mine.staleHolder()).hasValueSatisfying(h -> assertThat(h.id()).isEqualTo(id));
        }
    }
}
