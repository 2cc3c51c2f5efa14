package io.qsctl.cli.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qsctl.common.QsctlException;
import io.qsctl.testing.NamedPipe;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code object get --to} reads what is at PATH: what cp and a shell redirection would do there. */
class DestinationTest {

    @TempDir
    Path dir;

    @Test
    void aNameWithNothingThereIsANewFileInItsDirectory() throws IOException {
        Destination destination = Destination.of(dir.resolve("new.bin").toString(), false);

        assertThat(destination).isEqualTo(new Destination.NewFile(dir.resolve("new.bin").toString(),
                dir.toRealPath().resolve("new.bin")));
    }

    @Test
    void aNameInADirectoryThatDoesNotExistIsRefused() {
        String to = dir.resolve("missing/new.bin").toString();

        assertThatThrownBy(() -> Destination.of(to, true)).isInstanceOf(QsctlException.class)
                .hasMessage("cannot write " + to + ": directory " + dir.resolve("missing") + " does not exist");
    }

    @Test
    void anExistingFileIsReplacedOnlyWithForceAndKeepsItsPermissionBits() throws IOException {
        Path file = Files.writeString(dir.resolve("old.txt"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));

        assertThatThrownBy(() -> Destination.of(file.toString(), false)).isInstanceOf(QsctlException.class)
                .hasMessage(file + " exists; pass --force to replace it");
        assertThat(Destination.of(file.toString(), true))
                .isEqualTo(new Destination.ExistingFile(file.toString(), file.toRealPath(), 0604));
    }

    @Test
    void aSymbolicLinkIsFollowedSoTheFileItNamesIsReplacedAndNotTheLink() throws IOException {
        Path target = Files.writeString(Files.createDirectory(dir.resolve("real")).resolve("target.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("real/target.txt"));
        Path linkToLink = Files.createSymbolicLink(dir.resolve("link2"), link);

        assertThatThrownBy(() -> Destination.of(link.toString(), false)).isInstanceOf(QsctlException.class)
                .hasMessage(link + " (a symbolic link to " + target.toRealPath() + ") exists; pass --force to replace it");
        Path real = target.toRealPath();
        assertThat(Destination.of(linkToLink.toString(), true)).isInstanceOfSatisfying(Destination.ExistingFile.class,
                existing -> assertThat(existing.path()).isEqualTo(real));
    }

    @Test
    void aDanglingLinkHasTheFileItNamesCreatedAsAShellRedirectionWouldWhenItsDirectoryExists() throws IOException {
        Files.createDirectory(dir.resolve("there"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("there/not-yet.bin"));
        Path nowhere = Files.createSymbolicLink(dir.resolve("nowhere"), Path.of("missing/not-yet.bin"));

        assertThat(Destination.of(dangling.toString(), false)).isEqualTo(new Destination.NewFile(dangling.toString(),
                dir.toRealPath().resolve("there/not-yet.bin")));
        assertThatThrownBy(() -> Destination.of(nowhere.toString(), false)).isInstanceOf(QsctlException.class)
                .hasMessageStartingWith(nowhere + " is a symbolic link to ")
                .hasMessageEndingWith("missing/not-yet.bin, whose directory does not exist");
    }

    @Test
    void aDirectoryOrALinkToOneIsRefusedSayingWhatItIs() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("to-sub"), sub);

        assertThatThrownBy(() -> Destination.of(sub.toString(), true)).isInstanceOf(QsctlException.class)
                .hasMessage(sub + " is a directory; give the file to write");
        assertThatThrownBy(() -> Destination.of(link.toString(), true)).isInstanceOf(QsctlException.class)
                .hasMessage(link + " (a symbolic link to " + sub.toRealPath() + ") is a directory; give the file to write");
    }

    @Test
    void aLoopOfLinksIsRefused() throws IOException {
        Path a = dir.resolve("a");
        Path b = Files.createSymbolicLink(dir.resolve("b"), a);
        Files.createSymbolicLink(a, b);

        assertThatThrownBy(() -> Destination.of(a.toString(), true)).isInstanceOf(QsctlException.class)
                .hasMessage("cannot write " + a + ": too many levels of symbolic links");
    }

    @Test
    void devicesAndPipesAreWrittenStraightIntoWithoutForce() throws Exception {
        Path fifo = NamedPipe.create(dir.resolve("fifo"));
        Path linkToNull = Files.createSymbolicLink(dir.resolve("null-link"), Path.of("/dev/null"));

        assertThat(Destination.of("/dev/null", false)).isEqualTo(new Destination.Stream("/dev/null", Path.of("/dev/null"),
                false));
        assertThat(Destination.of("/dev/full", true)).isEqualTo(new Destination.Stream("/dev/full", Path.of("/dev/full"),
                false));
        assertThat(Destination.of(fifo.toString(), false)).isEqualTo(new Destination.Stream(fifo.toString(), fifo, true));
        assertThat(Destination.of(linkToNull.toString(), true)).isInstanceOfSatisfying(Destination.Stream.class,
                stream -> assertThat(stream.path()).isEqualTo(Path.of("/dev/null")));
    }

    @Test
    void aBlockDeviceIsOverwrittenOnlyWithForce() throws IOException {
        Optional<Path> block = blockDevice();
        assumeTrue(block.isPresent(), "no block device in /dev");
        String to = block.get().toString();

        assertThatThrownBy(() -> Destination.of(to, false)).isInstanceOf(QsctlException.class)
                .hasMessage(to + " is a block device; pass --force to write the object over its first bytes");
        assertThat(Destination.of(to, true)).isEqualTo(new Destination.Stream(to, block.get(), false));
    }

    @Test
    void aSocketIsRefused() throws IOException {
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            assertThatThrownBy(() -> Destination.of(socket.toString(), true)).isInstanceOf(QsctlException.class)
                    .hasMessage(socket + " is a socket; give a file, a device or a pipe");
        }
    }

    @Test
    void standardOutputAndErrorAreThisProcesssOwnDescriptorsAndNeedNoForce() {
        long pid = ProcessHandle.current().pid();

        assertThat(Destination.of("-", false)).isInstanceOfSatisfying(Destination.Descriptor.class, d -> {
            assertThat(d.shown()).isEqualTo("standard output");
            assertThat(d.descriptor()).isSameAs(FileDescriptor.out);
        });
        for (String stdout : new String[] {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "/proc/" + pid + "/fd/1"}) {
            assertThat(Destination.of(stdout, false)).as(stdout).isInstanceOfSatisfying(Destination.Descriptor.class,
                    d -> assertThat(d.descriptor()).isSameAs(FileDescriptor.out));
        }
        assertThat(Destination.of("/dev/stderr", false)).isInstanceOfSatisfying(Destination.Descriptor.class,
                d -> assertThat(d.descriptor()).isSameAs(FileDescriptor.err));
        assertThat(Destination.of("/proc/self/fd/0", false)).isInstanceOf(Destination.Stream.class);
    }

    @Test
    void aLinkToStandardOutputIsStandardOutput() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("out"), Path.of("/dev/stdout"));

        assertThat(Destination.of(link.toString(), false)).isInstanceOfSatisfying(Destination.Descriptor.class,
                d -> assertThat(d.descriptor()).isSameAs(FileDescriptor.out));
    }

    private static Optional<Path> blockDevice() throws IOException {
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            return dev.filter(p -> {
                try {
                    return ((Integer) Files.getAttribute(p, "unix:mode") & 0170000) == 0060000;
                } catch (IOException e) {
                    return false;
                }
            }).sorted().findFirst();
        }
    }
}
