package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.common.ExitCode;
import io.qsctl.testing.NamedPipe;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code object get --to PATH} through the packaged CLI, as {@code cp} and a shell redirection
 * treat PATH: links are followed, devices and pipes are written into and stay what they are,
 * {@code --force} replaces only a regular file, standard output needs no {@code --force}, new
 * files get the umask's mode, and a reader that stops early ends the get quietly. One cluster
 * (4 + 2 shards over 6 nodes) and one text object of 3 MiB serve every test.
 *
 * <p>No test passes {@code --force} with a device: qsctl before this fix replaced the device file,
 * and a test run against it must not destroy the machine's {@code /dev/null}.
 */
class ObjectGetDestinationIT {

    @TempDir
    static Path dir;

    private static ClusterWorkspace workspace;
    private static String spec;
    private static String id;
    private static byte[] content;

    @BeforeEach
    void clusterWithOneObject() throws IOException {
        if (workspace == null) {
            workspace = new ClusterWorkspace(dir);
            spec = workspace.write("storage.yaml", QuickstartSpec.yaml(6, "10GiB", null)).toString();
            workspace.expect(0, "apply", "-f", spec, "--auto-approve");
            StringBuilder text = new StringBuilder();
            for (int line = 0; text.length() < 3 * 1024 * 1024; line++) {
                text.append("line ").append(line).append(" of the object that object get writes\n");
            }
            content = text.toString().getBytes(StandardCharsets.US_ASCII);
            Path original = Files.write(dir.resolve("original.txt"), content);
            String out = workspace.expect(0, "object", "put", "-f", spec, original.toString()).stdout();
            id = out.lines().reduce((first, last) -> last).orElseThrow();
        }
    }

    @AfterAll
    static void stopTheGrid() {
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void aGetIntoANamedPipeFeedsItsReaderAndThePipeStaysAPipe() throws Exception {
        Path fifo = NamedPipe.create(dir.resolve("pipe"));
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            // not readAllBytes: Java 17's FileInputStream asks a pipe for its position there ("Illegal seek")
            try (InputStream in = new FileInputStream(fifo.toFile()); ByteArrayOutputStream all = new ByteArrayOutputStream()) {
                in.transferTo(all);
                return all.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        // --force too: it must not make qsctl replace the pipe
        workspace.expect(0, "object", "get", "-f", spec, id, "--to", fifo.toString(), "--force");

        assertThat(reader.get(30, TimeUnit.SECONDS)).as("what the pipe's reader received").isEqualTo(content);
        assertThat(fileType(fifo)).isEqualTo("fifo");
    }

    @Test
    void devicesAreWrittenIntoWithoutForceAndStayDevices() throws IOException {
        workspace.expect(0, "object", "get", "-f", spec, id, "--to", "/dev/null");
        assertThat(fileType(Path.of("/dev/null"))).isEqualTo("character device");

        QsctlRun full = workspace.expect(1, "object", "get", "-f", spec, id, "--to", "/dev/full");

        assertThat(full.stderr()).contains("error: cannot write /dev/full: No space left on device; what /dev/full "
                + "received is incomplete");
        assertThat(fileType(Path.of("/dev/full"))).isEqualTo("character device");
    }

    @Test
    void aLinkIsFollowedAndTheFileItNamesIsReplacedOnlyWithForceKeepingItsMode() throws IOException {
        Path target = Files.writeString(dir.resolve("target.txt"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw----r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link-to-target"), target.getFileName());

        QsctlRun refused = workspace.expect(1, "object", "get", "-f", spec, id, "--to", link.toString());
        assertThat(refused.stderr()).contains("exists; pass --force to replace it");
        assertThat(target).hasContent("old");

        workspace.expect(0, "object", "get", "-f", spec, id, "--to", link.toString(), "--force");

        assertThat(Files.isSymbolicLink(link)).as("the link is still a link").isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw----r--");
    }

    @Test
    void aDanglingLinkGetsTheFileItNamesCreatedAndStaysALink() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangling"), Path.of("made-through-the-link.txt"));

        workspace.expect(0, "object", "get", "-f", spec, id, "--to", link.toString());

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("made-through-the-link.txt"))).isEqualTo(content);
    }

    @Test
    void aNewFileGetsTheModeTheUmaskLeaves() throws IOException {
        Path copy = dir.resolve("umask-027.txt");

        try (QsctlProcess get = workspace.startInShell("umask 027; exec %s", "object", "get", "-f", spec, id, "--to",
                copy.toString())) {
            QsctlRun run = get.await(ClusterWorkspace.RUN_LIMIT);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
        }

        assertThat(Files.readAllBytes(copy)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-r-----");
    }

    @Test
    void standardOutputTakesTheObjectWithoutForceWhetherNamedDashOrDevStdout() {
        for (String to : new String[] {"-", "/dev/stdout"}) {
            QsctlRun run = workspace.expect(0, "object", "get", "-f", spec, id, "--to", to);
            assertThat(run.stdout()).as("stdout of --to %s", to).isEqualTo(new String(content, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aReaderThatStopsEarlyEndsTheGetQuietlyWithTheCodeOfSigpipe() {
        try (QsctlProcess get = workspace.startInShell("set -o pipefail; %s | head -c 100 >/dev/null", "object", "get",
                "-f", spec, id, "--to", "-")) {
            QsctlRun run = get.await(ClusterWorkspace.RUN_LIMIT);

            assertThat(run.exitCode()).as("qsctl's code through pipefail; stderr:%n%s", run.stderr())
                    .isEqualTo(ExitCode.PIPE_CLOSED.code());
            assertThat(run.stderr()).doesNotContain("error").doesNotContain("Broken pipe");
        }
    }

    /** The file type {@code stat} reports, without following a link. */
    private static String fileType(Path path) throws IOException {
        int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
        return switch (type) {
            case 0010000 -> "fifo";
            case 0020000 -> "character device";
            case 0100000 -> "regular file";
            default -> Integer.toOctalString(type);
        };
    }
}
