package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> firstUses = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                firstUses.add(pool.submit(() -> {
                    start.await();
                    return new SandboxKeyFile(file).loadOrCreate().accountPublicKeyHex();
                }));
            }
            start.countDown();
        } finally {
            pool.shutdown();
        }
        List<String> keys = new ArrayList<>();
        for (Future<String> use : firstUses) {
            keys.add(use.get(30, TimeUnit.SECONDS)); // any failed first use fails the test here
        }
        assertThat(keys).hasSize(8);
        assertThat(Set.copyOf(keys)).hasSize(1);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }
}
