package io.qsctl.zdb.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.zdb.format.Mode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZdbEngineTest {

    @TempDir
    Path root;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    EngineSettings settings() {
        return EngineSettings.of(root.resolve("index"), root.resolve("data"));
    }

    static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    @Nested
    class Persistence {
        @Test
        void valuesOverwritesAndDeletesSurviveAReopen() {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                Namespace ns = engine.createNamespace("n");
                ns.set(b("keep"), b("1"));
                ns.set(b("change"), b("old"));
                ns.set(b("change"), b("new"));
                ns.set(b("drop"), b("x"));
                ns.delete(b("drop"));
            }
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                Namespace ns = engine.namespace("n").orElseThrow();
                assertThat(ns.get(b("keep"))).contains(b("1"));
                assertThat(ns.get(b("change"))).contains(b("new"));
                assertThat(ns.get(b("drop"))).isEmpty();
                assertThat(ns.entries()).isEqualTo(2);
                assertThat(ns.dataSize()).isEqualTo(4);
                // a deleted key can be set again, starting a new history
                ns.set(b("drop"), b("back"));
                assertThat(ns.history(b("drop"), 0, 4, null).parentCursor()).isNull();
            }
        }

        @Test
        void anEngineThatWasNeverClosedIsRecoveredFromItsFiles() {
            ZdbEngine crashed = ZdbEngine.open(settings());
            Namespace ns = crashed.defaultNamespace();
            for (int i = 0; i < 100; i++) {
                ns.set(b("k" + i), b("v" + i));
            }
            // no close: what reached the kernel is all there is
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                for (int i = 0; i < 100; i++) {
                    assertThat(engine.defaultNamespace().get(b("k" + i))).contains(b("v" + i));
                }
            }
        }

        @Test
        void sequentialIdsContinueAfterAReopenAndAcrossRotatedFiles() {
            EngineSettings seq = settings().withMode(Optional.of(Mode.SEQ)).withDataFileSize(100);
            List<byte[]> ids = new ArrayList<>();
            try (ZdbEngine engine = ZdbEngine.open(seq)) {
                Namespace ns = engine.defaultNamespace();
                for (int i = 0; i < 20; i++) {
                    ids.add(ns.set(new byte[0], b("value-" + i)));
                }
                assertThat(ns.activeFileId()).isPositive();
            }
            try (ZdbEngine engine = ZdbEngine.open(seq)) {
                Namespace ns = engine.defaultNamespace();
                for (int i = 0; i < 20; i++) {
                    assertThat(ns.get(ids.get(i))).contains(b("value-" + i));
                }
                assertThat(ns.set(new byte[0], b("next"))).isEqualTo(Namespace.seqKey(20));
                assertThat(ns.set(ids.get(3), b("updated"))).isEqualTo(ids.get(3));
                assertThat(ns.get(ids.get(3))).contains(b("updated"));
            }
            try (ZdbEngine engine = ZdbEngine.open(seq)) {
                assertThat(engine.defaultNamespace().get(ids.get(3))).contains(b("updated"));
                assertThat(engine.defaultNamespace().entries()).isEqualTo(21);
            }
        }
    }

    @Nested
    class Recovery {
        @Test
        void aTornIndexEntryAtTheEndIsCutAndTheRestIsKept() throws Exception {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                engine.defaultNamespace().set(b("a"), b("1"));
                engine.defaultNamespace().set(b("b"), b("2"));
            }
            Path index = root.resolve("index/default/i0");
            long size = Files.size(index);
            // the process died half-way through writing a third entry
            try (FileChannel channel = FileChannel.open(index, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(new byte[] {1, 40, 0, 0, 0, 1, 0}));
            }
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                assertThat(engine.defaultNamespace().get(b("a"))).contains(b("1"));
                assertThat(engine.defaultNamespace().get(b("b"))).contains(b("2"));
                assertThat(Files.size(index)).isEqualTo(size);
                engine.defaultNamespace().set(b("c"), b("3"));
            }
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                assertThat(engine.defaultNamespace().get(b("c"))).contains(b("3"));
            }
        }

        @Test
        void anIndexEntryWhoseDataNeverFullyArrivedIsDropped() throws Exception {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                engine.defaultNamespace().set(b("a"), b("complete"));
                engine.defaultNamespace().set(b("b"), b("this one will be torn"));
            }
            Path data = root.resolve("data/default/d0");
            try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
                channel.truncate(Files.size(data) - 5);
            }
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                assertThat(engine.defaultNamespace().get(b("a"))).contains(b("complete"));
                assertThat(engine.defaultNamespace().get(b("b"))).isEmpty();
                assertThat(engine.defaultNamespace().entries()).isEqualTo(1);
            }
        }

        @Test
        void anIndexEntryWhoseDataWasCorruptedOnTheWayIsDropped() throws Exception {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                engine.defaultNamespace().set(b("a"), b("complete"));
                engine.defaultNamespace().set(b("b"), b("garbled later"));
            }
            Path data = root.resolve("data/default/d0");
            try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0}), Files.size(data) - 3);
            }
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                assertThat(engine.defaultNamespace().get(b("a"))).contains(b("complete"));
                assertThat(engine.defaultNamespace().exists(b("b"), 0, 1)).isFalse();
            }
        }

        @Test
        void garbageAfterTheLastDataEntryIsCut() throws Exception {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                engine.defaultNamespace().set(b("a"), b("1"));
            }
            Path data = root.resolve("data/default/d0");
            long size = Files.size(data);
            Files.write(data, new byte[] {7, 7, 7, 7, 7}, StandardOpenOption.APPEND);
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                assertThat(Files.size(data)).isEqualTo(size);
                engine.defaultNamespace().set(b("b"), b("2"));
                assertThat(engine.defaultNamespace().get(b("b"))).contains(b("2"));
                assertThat(engine.defaultNamespace().check(b("b"), 0, 1)).hasValue(1);
            }
        }

        @Test
        void checkFindsAValueCorruptedOnDisk() throws Exception {
            try (ZdbEngine engine = ZdbEngine.open(settings().withDataFileSize(60))) {
                engine.defaultNamespace().set(b("a"), b("precious bytes"));
                engine.defaultNamespace().set(b("b"), b("in the next file"));
            }
            Path sealed = root.resolve("data/default/d0");
            byte[] bytes = Files.readAllBytes(sealed);
            bytes[bytes.length - 1] ^= 0x55;
            Files.write(sealed, bytes);
            try (ZdbEngine engine = ZdbEngine.open(settings().withDataFileSize(60))) {
                assertThat(engine.defaultNamespace().check(b("a"), 0, 1)).hasValue(0);
                assertThat(engine.defaultNamespace().check(b("b"), 0, 1)).hasValue(1);
            }
        }
    }

    @Nested
    class Offload {
        @Test
        void aMissingSealedFileIsRestoredByAListenerAndTheReadSucceeds() throws Exception {
            Path vault = Files.createDirectories(root.resolve("vault"));
            try (ZdbEngine engine = ZdbEngine.open(settings().withDataFileSize(150))) {
                List<EngineEvent> events = new ArrayList<>();
                engine.events().addListener(event -> {
                    events.add(event);
                    if (event instanceof EngineEvent.JumpData jump) {
                        // the runtime's job: upload the sealed file, then drop it from the disk
                        Path sealed = Path.of(jump.previousFile());
                        copy(sealed, vault.resolve(sealed.getFileName()));
                        delete(sealed);
                        return true;
                    }
                    if (event instanceof EngineEvent.MissingData missing) {
                        Path wanted = Path.of(missing.missingFile());
                        copy(vault.resolve(wanted.getFileName()), wanted);
                        return true;
                    }
                    return true;
                });
                Namespace ns = engine.defaultNamespace();
                ns.set(b("old"), new byte[80]);
                ns.set(b("new"), new byte[80]);
                assertThat(Files.exists(root.resolve("data/default/d0"))).isFalse();
                assertThat(ns.get(b("old"))).contains(new byte[80]);
                assertThat(events).anyMatch(EngineEvent.MissingData.class::isInstance);
                assertThat(ns.check(b("old"), 0, 3)).hasValue(1);
            }
        }

        @Test
        void aMissingFileNobodyRestoresFailsTheReadButNotTheEngine() throws Exception {
            try (ZdbEngine engine = ZdbEngine.open(settings().withDataFileSize(150))) {
                Namespace ns = engine.defaultNamespace();
                ns.set(b("old"), new byte[80]);
                ns.set(b("new"), new byte[80]);
                Files.delete(root.resolve("data/default/d0"));
                ns.offloaded(0);
                assertThatThrownBy(() -> ns.get(b("old"))).isInstanceOf(ZdbError.class).hasMessage("Internal Error");
                assertThat(ns.check(b("old"), 0, 3)).hasValue(-1);
                assertThat(ns.get(b("new"))).contains(new byte[80]);
                assertThat(ns.exists(b("old"), 0, 3)).isTrue();
            }
        }

        @Test
        void anExternalHookIsRunWithZeroDbsArgumentsAndCanRestoreAFile() throws Exception {
            Path log = root.resolve("hook.log");
            Path vault = Files.createDirectories(root.resolve("vault"));
            Path hook = root.resolve("hook.sh");
            Files.writeString(hook, "#!/bin/sh\n"
                    + "echo \"$@\" >> " + log + "\n"
                    + "if [ \"$1\" = missing-data ]; then cp " + vault + "/$(basename \"$3\") \"$3\"; fi\n");
            hook.toFile().setExecutable(true);
            Path sealedCopy = vault.resolve("d0");
            try (ZdbEngine engine = ZdbEngine.open(settings().withDataFileSize(150).withInstanceId("tcp://127.0.0.1:9900"))) {
                engine.events().setHook(Optional.of(new ExternalHook(hook, "tcp://127.0.0.1:9900", Clock.systemUTC())));
                Namespace ns = engine.defaultNamespace();
                ns.set(b("old"), new byte[80]);
                ns.set(b("new"), new byte[80]);
                Files.copy(root.resolve("data/default/d0"), sealedCopy);
                Files.delete(root.resolve("data/default/d0"));
                ns.offloaded(0);
                assertThat(ns.get(b("old"))).contains(new byte[80]);
            }
            // namespace-closing does not block, so its hook may still be running
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<String> lines = Files.readAllLines(log);
                assertThat(lines).anyMatch(l -> l.startsWith("jump-index tcp://127.0.0.1:9900 ")
                        && l.contains(root.resolve("index/default/i0").toString()));
                assertThat(lines).anyMatch(l -> l.equals("missing-data tcp://127.0.0.1:9900 " + root.resolve("data/default/d0")));
                assertThat(lines).anyMatch(l -> l.startsWith("namespace-closing tcp://127.0.0.1:9900 default "));
            });
        }
    }

    @Nested
    class Rotation {
        @Test
        void theTimerSealsFilesOfNamespacesThatChanged() {
            ManualClock clock = new ManualClock();
            try (ZdbEngine engine = ZdbEngine.open(settings().withClock(clock).withRotateAfter(Duration.ofSeconds(60)))) {
                Namespace ns = engine.defaultNamespace();
                engine.tick();
                assertThat(ns.activeFileId()).isZero();
                ns.set(b("k"), b("v"));
                clock.advance(Duration.ofSeconds(30));
                engine.tick();
                assertThat(ns.activeFileId()).isZero();
                clock.advance(Duration.ofSeconds(31));
                engine.tick();
                assertThat(ns.activeFileId()).isEqualTo(1);
                clock.advance(Duration.ofSeconds(120));
                engine.tick();
                assertThat(ns.activeFileId()).isEqualTo(1); // nothing changed since: no empty files
            }
        }

        @Test
        void jumpEventsNameTheSealedAndTheNewFilesAndAHandledJumpResetsTheDirtyList() {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                List<EngineEvent> events = new ArrayList<>();
                engine.events().addListener(event -> events.add(event));
                Namespace ns = engine.defaultNamespace();
                ns.set(b("k"), b("1"));
                ns.jump();
                ns.set(b("k"), b("2")); // flags the entry in i0 in place
                assertThat(ns.dirtyIndexes()).containsExactly(0);
                ns.jump();
                assertThat(ns.dirtyIndexes()).isEmpty();
                EngineEvent.JumpData data = events.stream().filter(EngineEvent.JumpData.class::isInstance)
                        .map(EngineEvent.JumpData.class::cast).findFirst().orElseThrow();
                assertThat(data.previousFile()).endsWith("data/default/d0");
                assertThat(data.nextFile()).endsWith("data/default/d1");
                assertThat(events).anyMatch(e -> e instanceof EngineEvent.JumpIndex j && j.dirtyIndexes().equals("0"));
            }
        }

        @Test
        void aValueLargerThanTheDataFileSizeStillFitsInAFileOfItsOwn() {
            try (ZdbEngine engine = ZdbEngine.open(settings().withDataFileSize(64))) {
                Namespace ns = engine.defaultNamespace();
                ns.set(b("small"), b("x"));
                ns.set(b("big"), new byte[1000]);
                ns.set(b("after"), b("y"));
                assertThat(ns.get(b("big"))).contains(new byte[1000]);
                assertThat(ns.get(b("small"))).contains(b("x"));
                assertThat(ns.get(b("after"))).contains(b("y"));
            }
        }
    }

    @Nested
    class Namespaces {
        @Test
        void theDescriptorKeepsPasswordLimitAndFlagsAcrossRestarts() {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                Namespace ns = engine.createNamespace("n");
                ns.setPassword(Optional.of("pw"));
                ns.setPublic(false);
                ns.setWorm(true);
                ns.setMaxSize(1234);
                ns.setLocked(true);
            }
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                Namespace ns = engine.namespace("n").orElseThrow();
                assertThat(ns.password()).contains("pw");
                assertThat(ns.isPublic()).isFalse();
                assertThat(ns.worm()).isTrue();
                assertThat(ns.maxSize()).isEqualTo(1234);
                assertThat(ns.locked()).isFalse(); // 0-db keeps lock in memory only
            }
        }

        @Test
        void flushWipesAPrivateNamespaceAndKeepsItUsable() {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                Namespace ns = engine.createNamespace("n");
                ns.set(b("k"), b("v"));
                assertThatThrownBy(ns::wipe).hasMessage("Flushing public namespace denied");
                ns.setPassword(Optional.of("pw"));
                ns.setPublic(false);
                ns.wipe();
                assertThat(ns.get(b("k"))).isEmpty();
                assertThat(ns.entries()).isZero();
                ns.set(b("k2"), b("v2"));
                assertThat(ns.get(b("k2"))).contains(b("v2"));
            }
        }

        @Test
        void reloadReplaysTheFilesIntoMemory() throws IOException {
            Path elsewhere = root.resolve("elsewhere");
            try (ZdbEngine other = ZdbEngine.open(EngineSettings.of(elsewhere.resolve("index"), elsewhere.resolve("data")))) {
                other.createNamespace("n").set(b("copied"), b("from disk"));
            }
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                Namespace ns = engine.createNamespace("n");
                ns.set(b("k"), b("v"));
                // The namespace's files are replaced behind the engine's back: only a reload that
                // really reads them again sees the other engine's key instead of its own.
                for (String kind : new String[] {"index", "data"}) {
                    try (var files = Files.list(elsewhere.resolve(kind).resolve("n"))) {
                        for (Path file : files.toList()) {
                            Files.copy(file, root.resolve(kind).resolve("n").resolve(file.getFileName()),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                engine.reload("n");
                assertThat(ns.get(b("copied"))).contains(b("from disk"));
                assertThat(ns.get(b("k"))).isEmpty();
            }
        }

        @Test
        void deletingANamespaceRemovesItsDirectories() {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                Namespace ns = engine.createNamespace("gone");
                ns.set(b("k"), b("v"));
                engine.deleteNamespace("gone");
                assertThat(root.resolve("index/gone")).doesNotExist();
                assertThat(root.resolve("data/gone")).doesNotExist();
                assertThat(engine.isRemoved(ns)).isTrue();
                assertThat(engine.namespaceNames()).containsExactly("default");
            }
        }

        @Test
        void adminTimestampsAreStored() {
            try (ZdbEngine engine = ZdbEngine.open(settings())) {
                Namespace ns = engine.defaultNamespace();
                ns.set(b("k"), 0, 1, b("v"), 0, 1, OptionalInt.of(1_600_000_000));
                assertThat(ns.keyTime(b("k"), 0, 1)).hasValue(1_600_000_000L);
            }
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
