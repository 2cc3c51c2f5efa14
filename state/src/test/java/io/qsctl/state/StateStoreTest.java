package io.qsctl.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class StateStoreTest {

    static final byte[] KEY = filled(32, 7);
    static final byte[] OTHER_KEY = filled(32, 8);

    @TempDir
    Path root;

    private Path dir() {
        return root.resolve("state/family-photos");
    }

    private StateStore store() {
        return new StateStore(dir(), KEY, "0.1.0", Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    static ObjectNode body(String key, Object value) {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        body.put(key, String.valueOf(value));
        return body;
    }

    @Test
    void aNewClusterHasNoState() {
        assertThat(store().read()).isEmpty();
        assertThat(store().readBackup()).isEmpty();
    }

    @Test
    void createStartsALineageAtSerialOne() {
        StateSnapshot first = store().create(body("a", 1));
        assertThat(first.serial()).isEqualTo(1);
        assertThat(first.formatVersion()).isEqualTo(1);
        assertThat(first.toolVersion()).isEqualTo("0.1.0");
        assertThat(first.updated()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(store().read()).contains(first);
        assertThatThrownBy(() -> store().create(body("b", 1)))
                .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT));
        assertThat(new StateStore(root.resolve("other"), KEY, "0.1.0").create(body("a", 1)).lineage())
                .isNotEqualTo(first.lineage());
    }

    @Test
    void everyWriteAddsOneToTheSerialAndKeepsTheLineage() {
        StateStore store = store();
        StateSnapshot v1 = store.write(null, body("a", 1));
        StateSnapshot v2 = store.write(v1, body("a", 2));
        StateSnapshot v3 = store.write(v2, body("a", 3));
        assertThat(v3.serial()).isEqualTo(3);
        assertThat(v3.lineage()).isEqualTo(v1.lineage());
        StateSnapshot read = store().read().orElseThrow();
        assertThat(read).isEqualTo(v3);
        assertThat(read.body().get("a").stringValue()).isEqualTo("3");
        assertThat(store.readBackup()).contains(v2);
    }

    @Test
    void aWriteAgainstAnOldVersionIsAConflict() {
        StateStore store = store();
        StateSnapshot v1 = store.create(body("a", 1));
        store.write(v1, body("a", 2));
        assertThatThrownBy(() -> store.write(v1, body("a", "lost update")))
                .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT))
                .hasMessageContaining("was changed by another operation after it was read (it is at serial 2, expected 1)");
        assertThat(store.read().orElseThrow().body().get("a").stringValue()).isEqualTo("2");
    }

    @Test
    void aWriteAgainstAnotherLineageOrNoStateIsAConflict() {
        StateStore store = store();
        StateSnapshot mine = store.create(body("a", 1));
        StateSnapshot foreign = new StateSnapshot(1, 1, java.util.UUID.randomUUID(), "0.1.0", Instant.EPOCH, body("x", 1));
        assertThatThrownBy(() -> store.write(foreign, body("a", 2)))
                .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT))
                .hasMessageContaining("its lineage is " + mine.lineage());
        assertThatThrownBy(() -> store.write(null, body("a", 2)))
                .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT))
                .hasMessageContaining("a state already exists");
        assertThatThrownBy(() -> new StateStore(root.resolve("empty"), KEY, "0.1.0").write(mine, body("a", 2)))
                .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CONFLICT));
    }

    @Test
    void theFileIsMagicNonceAndCiphertextWithNothingInClear() throws Exception {
        store().create(body("secretish", "needle-in-the-body"));
        byte[] file = Files.readAllBytes(dir().resolve("state.qss"));
        assertThat(new String(file, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("QSSTATE1");
        assertThat(file.length).isGreaterThan(8 + 12 + 16);
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain("needle").doesNotContain("serial");
        store().write(store().read().orElseThrow(), body("secretish", "needle-in-the-body"));
        byte[] again = Files.readAllBytes(dir().resolve("state.qss"));
        assertThat(Arrays.copyOfRange(again, 8, 20)).as("fresh nonce").isNotEqualTo(Arrays.copyOfRange(file, 8, 20));
    }

    @Test
    void directoryAndFilesAreOwnerOnlyAndNoTemporaryFilesRemain() throws Exception {
        StateSnapshot v1 = store().create(body("a", 1));
        store().write(v1, body("a", 2));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("state.qss")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("state.qss.backup"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state.qss", "state.qss.backup");
        }
    }

    @Test
    void leftoversOfAKilledWriterAreRemovedByTheNextWrite() throws Exception {
        StateSnapshot v1 = store().create(body("a", 1));
        Files.write(dir().resolve(".state.qss.tmp-dead"), new byte[10]);
        Files.write(dir().resolve(".state.qss.backup.tmp-dead"), new byte[10]);
        store().write(v1, body("a", 2));
        try (var files = Files.list(dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("state.qss", "state.qss.backup");
        }
    }

    @Test
    void theWrongKeySaysItIsProbablyTheWrongIdentity() {
        StateSnapshot v1 = store().create(body("a", 1));
        store().write(v1, body("a", 2));
        StateStore stranger = new StateStore(dir(), OTHER_KEY, "0.1.0");
        assertThatThrownBy(stranger::read)
                .isInstanceOfSatisfying(StateDamagedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.ERROR);
                    assertThat(e.backup()).isEmpty();
                })
                .hasMessageStartingWith("cannot decrypt the state: wrong identity for this cluster?");
    }

    @Test
    void aTruncatedFileWithAGoodBackupIsReportedAndTheBackupOfferedNeverUsedSilently() throws Exception {
        StateStore store = store();
        StateSnapshot v1 = store.create(body("a", 1));
        StateSnapshot v2 = store.write(v1, body("a", 2));
        Path main = dir().resolve("state.qss");
        byte[] bytes = Files.readAllBytes(main);
        Files.write(main, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(store::read)
                .isInstanceOfSatisfying(StateDamagedException.class, e -> assertThat(e.backup()).contains(v1))
                .hasMessageContaining("is damaged")
                .hasMessageContaining("the backup serial 1");
        assertThatThrownBy(() -> store.write(v2, body("a", 3))).isInstanceOf(StateDamagedException.class);
        assertThat(store.readBackup()).contains(v1);

        assertThat(store.restoreBackup()).isEqualTo(v1);
        assertThat(store.read()).contains(v1);
        assertThat(store.write(v1, body("a", 3)).serial()).isEqualTo(2);
    }

    @Test
    void aFlippedByteIsDamageWhenTheBackupStillDecrypts() throws Exception {
        StateSnapshot v1 = store().create(body("a", 1));
        store().write(v1, body("a", 2));
        Path main = dir().resolve("state.qss");
        byte[] bytes = Files.readAllBytes(main);
        bytes[bytes.length - 20] ^= 1;
        Files.write(main, bytes);
        assertThatThrownBy(() -> store().read())
                .isInstanceOfSatisfying(StateDamagedException.class, e -> assertThat(e.backup()).contains(v1))
                .hasMessageContaining("fails authentication while its backup decrypts");
    }

    @Test
    void notAStateFileAndAMissingMainFileAreSaidPlainly() throws Exception {
        StateSnapshot v1 = store().create(body("a", 1));
        store().write(v1, body("a", 2));
        Path main = dir().resolve("state.qss");
        Files.writeString(main, "hello, this is not a state file at all");
        assertThatThrownBy(() -> store().read()).hasMessageContaining("does not start with QSSTATE1");
        Files.delete(main);
        assertThatThrownBy(() -> store().read())
                .isInstanceOfSatisfying(StateDamagedException.class, e -> assertThat(e.backup()).contains(v1))
                .hasMessageContaining("is missing, but its backup serial 1");
    }

    @Test
    void restoringIsRefusedWhileTheStateReadsFine() {
        StateSnapshot v1 = store().create(body("a", 1));
        store().write(v1, body("a", 2));
        assertThatThrownBy(() -> store().restoreBackup()).hasMessageContaining("nothing to restore");
    }

    @Test
    void aStateFromANewerFormatAsksForANewerQsctl() throws Exception {
        StateSnapshot v1 = store().create(body("a", 1));
        ObjectNode future = JsonMapper.shared().createObjectNode();
        future.put("formatVersion", 2);
        future.put("toolVersion", "9.0.0");
        byte[] encoded = StateFile.encode(v1, KEY);
        // Re-seal a doctored plaintext with the same layout.
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(KEY, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, Arrays.copyOfRange(encoded, 8, 20)));
        cipher.updateAAD(StateFile.MAGIC);
        byte[] sealed = cipher.doFinal(future.toString().getBytes(StandardCharsets.UTF_8));
        byte[] file = new byte[20 + sealed.length];
        System.arraycopy(encoded, 0, file, 0, 20);
        System.arraycopy(sealed, 0, file, 20, sealed.length);
        Files.write(dir().resolve("state.qss"), file);
        assertThatThrownBy(() -> store().read()).hasMessageContaining("written by qsctl 9.0.0 in state format 2")
                .hasMessageContaining("use a newer qsctl");
    }

    @Test
    void theSnapshotIsImmutableAndPrintsNoBody() {
        ObjectNode body = body("a", "visible-only-inside");
        StateSnapshot snapshot = store().create(body);
        body.put("a", "changed");
        snapshot.body().put("a", "changed too");
        assertThat(snapshot.body().get("a").stringValue()).isEqualTo("visible-only-inside");
        assertThat(snapshot.toString()).doesNotContain("visible-only-inside").contains("serial=1");
        assertThat(store().read().orElseThrow().body().get("a").stringValue()).isEqualTo("visible-only-inside");
    }

    @Test
    void refusesAKeyThatIsNotThirtyTwoBytes() {
        assertThatThrownBy(() -> new StateStore(dir(), new byte[16], "0.1.0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoresCrashPointSeesOnlyItsOwnWritesInTheirOrder() {
        List<StateStore.WritePoint> seen = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        StateStore watched = new StateStore(dir(), KEY, "0.1.0", clock, seen::add);
        StateSnapshot v1 = watched.write(null, body("a", 1));
        assertThat(seen).containsExactly(StateStore.WritePoint.TEMP_WRITTEN, StateStore.WritePoint.RENAMED,
                StateStore.WritePoint.SYNCED);
        seen.clear();

        StateSnapshot v2 = store().write(v1, body("a", 2));
        new StateStore(root.resolve("other"), KEY, "0.1.0").write(null, body("b", 1));
        assertThat(seen).as("writes through other stores in the same JVM").isEmpty();

        watched.write(v2, body("a", 3));
        assertThat(seen).containsExactly(StateStore.WritePoint.TEMP_WRITTEN, StateStore.WritePoint.BACKUP_LINKED,
                StateStore.WritePoint.BACKUP_RENAMED, StateStore.WritePoint.RENAMED, StateStore.WritePoint.SYNCED);
    }

    @Test
    void theStoreKeepsNoStaticStateATestCouldChange() {
        // A test hook in a static field leaks from one test (or thread) into every store after it.
        assertThat(Arrays.stream(StateStore.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()))
                .map(Field::getName))
                .isEmpty();
    }

    static byte[] filled(int n, int value) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
