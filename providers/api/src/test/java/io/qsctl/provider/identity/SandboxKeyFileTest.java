package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void createsThirtyTwoOwnerOnlyBytesOnFirstUseAndReusesThem() throws Exception {
        Path file = dir.resolve("qsctl/sandbox.key");
        SandboxKeyFile sandbox = new SandboxKeyFile(file);
        assertThat(sandbox.exists()).isFalse();
        SandboxIdentity first = sandbox.loadOrCreate();
        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new SandboxKeyFile(file).loadOrCreate().accountPublicKeyHex()).isEqualTo(first.accountPublicKeyHex());
        assertThat(first.recoverable()).isFalse();
    }

    @Test
    void aDamagedKeyIsAClearErrorNotANewSandbox() throws Exception {
        Path file = dir.resolve("sandbox.key");
        Files.write(file, new byte[7]);
        assertThatThrownBy(() -> new SandboxKeyFile(file).loadOrCreate())
                .hasMessageContaining("is damaged (7 bytes, not 32)");
        assertThatThrownBy(() -> new SandboxKeyFile(dir.resolve("none")).load()).hasMessageContaining("no sandbox key");
    }

    @Test
    void concurrentFirstUsesAgreeOnOneKey() throws Exception {
        Path file = dir.resolve("sandbox.key");
        Set<String> keys = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    keys.add(new SandboxKeyFile(file).loadOrCreate().accountPublicKeyHex());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(keys).hasSize(1);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }
}
