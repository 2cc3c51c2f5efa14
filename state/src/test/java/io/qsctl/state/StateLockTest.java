package io.qsctl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StateLockTest {

    @TempDir
    Path dir;

    @Test
    void theHolderIsRecordedBesideTheLockAndTheRecordGoesWithIt() throws Exception {
        try (StateLock lock = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            JsonNode record = JsonMapper.shared().readTree(Files.readAllBytes(dir.resolve("state.lock.info")));
            assertThat(record.propertyNames()).containsExactly("id", "operation", "who", "pid", "host", "created", "version");
            assertThat(record.get("id").stringValue()).isEqualTo(lock.info().id());
            assertThat(record.get("operation").stringValue()).isEqualTo("apply");
            assertThat(record.get("pid").longValue()).isEqualTo(ProcessHandle.current().pid());
            assertThat(record.get("who").stringValue()).endsWith("@" + record.get("host").stringValue());
            assertThat(record.get("version").stringValue()).isEqualTo("0.1.0");
            assertThat(StateLock.inspect(dir)).isEqualTo(new LockState.Held(java.util.Optional.of(lock.info())));
            assertThat(lock.staleHolder()).isEmpty();
        }
        assertThat(dir.resolve("state.lock.info")).doesNotExist();
        assertThat(dir.resolve("state.lock")).exists();
        assertThat(StateLock.inspect(dir)).isInstanceOf(LockState.Free.class);
    }

    @Test
    void aSecondAcquireIsAConflictNamingTheHolder() {
        try (StateLock lock = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            assertThatThrownBy(() -> StateLock.acquire(dir, "plan", "0.1.0", Duration.ZERO))
                    .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT))
                    .hasMessage("state is locked by apply by " + lock.info().who() + " (id " + lock.info().id() + ", pid "
                            + ProcessHandle.current().pid() + " on " + lock.info().host() + ", since " + lock.info().created() + "); wait, or run `qsctl"
                            + " force-unlock " + lock.info().id() + "` if that process is gone");
        }
    }

    @Test
    void aWaitingAcquireGetsTheLockOnceItIsReleased() throws Exception {
        StateLock first = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO);
        CompletableFuture<StateLock> second = CompletableFuture.supplyAsync(
                () -> StateLock.acquire(dir, "plan", "0.1.0", Duration.ofSeconds(30)));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        first.close();
        try (StateLock lock = second.get(10, TimeUnit.SECONDS)) {
            assertThat(lock.info().operation()).isEqualTo("plan");
        }
    }

    @Test
    void aWaitingAcquireGivesUpAfterItsTimeout() {
        try (StateLock lock = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> StateLock.acquire(dir, "plan", "0.1.0", Duration.ofMillis(400)))
                    .hasMessageStartingWith("state is locked by apply by " + lock.info().who() + " (id "
                            + lock.info().id());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void aWaitingAcquireSaysOnceWhomItWaitsForAndAZeroTimeoutNeverWaits() {
        try (StateLock lock = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            List<String> told = new CopyOnWriteArrayList<>();
            LockWaiting listener = (holder, timeout) -> told.add(holder.map(LockInfo::id).orElse("?") + " " + timeout);
            assertThatThrownBy(() -> StateLock.acquire(dir, "plan", "0.1.0", Duration.ZERO, listener))
                    .isInstanceOf(QsctlException.class);
            assertThat(told).isEmpty();
            assertThatThrownBy(() -> StateLock.acquire(dir, "plan", "0.1.0", Duration.ofMillis(300), listener))
                    .isInstanceOf(QsctlException.class);
            assertThat(told).containsExactly(lock.info().id() + " PT0.3S");
        }
    }

    @Test
    void anInterruptedWaitEndsWithTheInterruptedExitCode() throws Exception {
        try (StateLock lock = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    StateLock.acquire(dir, "plan", "0.1.0", Duration.ofMinutes(1));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            waiter.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
            waiter.interrupt();
            waiter.join(5_000);
            assertThat(StateLock.inspect(dir)).isEqualTo(new LockState.Held(java.util.Optional.of(lock.info())));
            assertThat(failure.get()).isInstanceOfSatisfying(QsctlException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INTERRUPTED));
        }
    }

    @Test
    void closeIsIdempotent() {
        StateLock lock = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO);
        lock.close();
        assertThat(StateLock.inspect(dir)).isEqualTo(new LockState.Free());
        lock.close();
        assertThat(StateLock.inspect(dir)).isEqualTo(new LockState.Free());
        try (StateLock next = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            lock.close(); // a late second close of the old holder must not release the new one
            assertThat(StateLock.inspect(dir)).isEqualTo(new LockState.Held(java.util.Optional.of(next.info())));
        }
    }

    @Test
    void aRecordWithoutALockIsStaleAndTheNextHolderIsTold() throws Exception {
        LockInfo dead = new LockInfo("dead-id", "apply", "ana@elsewhere", 99999, "elsewhere", Instant.parse("2026-01-01T00:00:00Z"),
                "0.0.9");
        Files.write(dir.resolve("state.lock.info"), dead.toJson());
        assertThat(StateLock.inspect(dir)).isEqualTo(new LockState.Stale(dead));
        try (StateLock lock = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            assertThat(lock.staleHolder()).contains(dead);
        }
    }

    @Test
    void forceUnlockClearsAStaleRecordOnlyWithItsId() throws Exception {
        LockInfo dead = new LockInfo("dead-id", "apply", "ana@elsewhere", 99999, "elsewhere", Instant.parse("2026-01-01T00:00:00Z"),
                "0.0.9");
        Files.write(dir.resolve("state.lock.info"), dead.toJson());
        assertThatThrownBy(() -> StateLock.forceUnlock(dir, "other-id"))
                .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT))
                .hasMessageContaining("does not match");
        assertThat(dir.resolve("state.lock.info")).exists();
        assertThat(StateLock.forceUnlock(dir, "dead-id")).as("removed").isTrue();
        assertThat(dir.resolve("state.lock.info")).doesNotExist();
        assertThat(StateLock.inspect(dir)).isInstanceOf(LockState.Free.class);
        assertThat(StateLock.forceUnlock(dir, "dead-id")).as("an unlocked state: nothing to remove").isFalse();
    }

    @Test
    void forceUnlockNeverTakesTheLockFromALiveHolder() {
        try (StateLock lock = StateLock.acquire(dir, "apply", "0.1.0", Duration.ZERO)) {
            assertThatThrownBy(() -> StateLock.forceUnlock(dir, lock.info().id()))
                    .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT))
                    .hasMessageContaining("still held by a running process");
            assertThat(StateLock.inspect(dir)).isInstanceOf(LockState.Held.class);
        }
    }

    @Test
    void theDirectoryIsCreatedOwnerOnly() throws Exception {
        Path nested = dir.resolve("a/b");
        StateLock.acquire(nested, "apply", "0.1.0", Duration.ZERO).close();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
                .isEqualTo("rwx------");
        assertThat(StateLock.inspect(dir.resolve("missing"))).isInstanceOf(LockState.Free.class);
    }
}
