package io.qsctl.common;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.DurableFiles.Access;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path dir;

    @Test
    void replaceWritesTheNewContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("state.json");
        DurableFiles.replace(file, "old".getBytes(UTF_8), Access.DEFAULT);
        DurableFiles.replace(file, "new".getBytes(UTF_8), Access.DEFAULT);

        assertThat(file).hasContent("new");
        assertThat(names(dir)).containsExactly("state.json");
    }

    @Test
    void anOwnerOnlyFileIsReadableByItsOwnerAloneEvenWhenItReplacesAWiderOne() throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "wide");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        DurableFiles.replace(file, "narrow".getBytes(UTF_8), Access.OWNER_ONLY);

        assertThat(file).hasContent("narrow");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFileWithDefaultAccessGetsWhatTheUmaskGivesAnyNewFile() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        Path file = dir.resolve("plan.json");

        DurableFiles.replace(file, "{}".getBytes(UTF_8), Access.DEFAULT);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(probe));
    }

    @Test
    void aRenameThatFailsRemovesItsTemporaryFileAndLeavesTheTargetAsItWas() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken"));
        Files.writeString(target.resolve("inside"), "kept");

        assertThatThrownBy(() -> DurableFiles.replace(target, "x".getBytes(UTF_8), Access.OWNER_ONLY))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("Is a directory");

        assertThat(names(dir)).containsExactly("taken");
        assertThat(target.resolve("inside")).hasContent("kept");
    }

    @Test
    void createIfAbsentWritesAFileThatIsNotThereYet() throws IOException {
        Path file = dir.resolve("key");

        assertThat(DurableFiles.createIfAbsent(file, "first".getBytes(UTF_8), Access.OWNER_ONLY)).isTrue();

        assertThat(file).hasContent("first");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(names(dir)).containsExactly("key");
    }

    @Test
    void createIfAbsentLeavesAFileThatIsAlreadyThereAndSaysSo() throws IOException {
        Path file = dir.resolve("key");
        Files.writeString(file, "winner");

        assertThat(DurableFiles.createIfAbsent(file, "loser".getBytes(UTF_8), Access.OWNER_ONLY)).isFalse();

        assertThat(file).hasContent("winner");
        assertThat(names(dir)).containsExactly("key");
    }

    @Test
    void removeLeftoversRemovesTheTemporaryFilesOfTheNamedFileAndNothingElse() throws IOException {
        for (String name : List.of("state", ".state.tmp-1", ".state.tmp-2", ".other.tmp-1", "state.tmp-1", ".state")) {
            Files.writeString(dir.resolve(name), name);
        }

        DurableFiles.removeLeftovers(dir, "state");

        assertThat(names(dir)).containsExactlyInAnyOrder("state", ".other.tmp-1", "state.tmp-1", ".state");

        DurableFiles.removeLeftovers(dir);

        assertThat(names(dir)).containsExactlyInAnyOrder("state", "state.tmp-1", ".state");
    }

    @Test
    void aPrivateDirectoryAndItsMissingParentsAreForTheOwnerAlone() throws IOException {
        Path deep = dir.resolve("a/b");

        DurableFiles.ensurePrivateDirectory(deep);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(deep))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a")))).isEqualTo("rwx------");
    }

    @Test
    void aTemporaryFileIsForcedAndNamedAfterItsTarget() throws IOException {
        Path temp = DurableFiles.writeTemp(dir, "state.qss", "x".getBytes(UTF_8), Access.OWNER_ONLY);

        assertThat(temp.getFileName().toString()).startsWith(".state.qss.tmp-");
        assertThat(temp).hasContent("x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp))).isEqualTo("rw-------");
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
