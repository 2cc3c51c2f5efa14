package io.qsctl.cli.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.cli.context.Signals;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A regular file written by {@code object get}: complete or untouched, with the mode cp would give it. */
class FileDeliveryTest {

    @TempDir
    Path dir;

    private final StringWriter said = new StringWriter();

    @Test
    void aReplacedFileKeepsItsPermissionBitsAndTheLinkToItStays() throws IOException {
        Path target = Files.writeString(dir.resolve("target.txt"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw----r--"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        try (Delivery delivery = Destination.of(link.toString(), true).delivery(new PrintWriter(said))) {
            OutputStream out = delivery.open();
            out.write("new".getBytes(StandardCharsets.UTF_8));
            delivery.complete();
        }

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(target).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw----r--");
        assertThat(files()).containsExactlyInAnyOrder(link, target);
    }

    @Test
    void aDeliveryClosedBeforeItCompletedLeavesTheExistingFileAndNoPartialFile() throws IOException {
        Path target = Files.writeString(dir.resolve("target.txt"), "old");

        try (Delivery delivery = Destination.of(target.toString(), true).delivery(new PrintWriter(said))) {
            delivery.open().write("half of the n".getBytes(StandardCharsets.UTF_8));
            assertThat(files()).hasSize(2);
        }

        assertThat(target).hasContent("old");
        assertThat(files()).containsExactly(target);
        assertThat(said.toString()).isEmpty();
    }

    @Test
    void aSignalWhileWritingRemovesThePartialFileAndTheRenameDoesNotHappen() throws IOException {
        Path target = dir.resolve("new.bin");
        try (Delivery delivery = Destination.of(target.toString(), false).delivery(new PrintWriter(said))) {
            delivery.open().write(new byte[1000]);

            String line = delivery.stop(Signals.Stop.INT);

            assertThat(line).isEqualTo("object get interrupted (SIGINT): its partial file was removed and nothing was "
                    + "written at " + target + "; run the same get again to read the object");
            assertThat(files()).isEmpty();
            assertThatThrownBy(delivery::complete).isInstanceOf(TransferStopped.class);
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void aSignalBeforeOpeningOrAfterTheRenameSaysSo() throws IOException {
        Path target = Files.writeString(dir.resolve("target.txt"), "old");
        try (Delivery early = Destination.of(target.toString(), true).delivery(new PrintWriter(said))) {
            assertThat(early.stop(Signals.Stop.TERM)).isEqualTo("object get interrupted (SIGTERM) before it wrote "
                    + "anything: " + target + " was left as it was");
            assertThatThrownBy(early::open).isInstanceOf(TransferStopped.class);
        }
        try (Delivery late = Destination.of(target.toString(), true).delivery(new PrintWriter(said))) {
            late.open().write('x');
            late.complete();
            assertThat(late.stop(Signals.Stop.INT)).isEqualTo("object get interrupted (SIGINT) after it had written "
                    + target + " whole");
        }
        assertThat(target).hasContent("x");
    }

    @Test
    void partialFilesOfGetsThatWereKilledAreRemovedAndThoseOfLiveOnesStay() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path killed = Files.write(dir.resolve(".copy.bin." + finished.pid() + ".123.partial"), new byte[10]);
        Path running = Files.write(dir.resolve(".copy.bin." + ProcessHandle.current().pid() + ".456.partial"), new byte[10]);
        Path copy = dir.resolve("copy.bin");

        try (Delivery delivery = Destination.of(copy.toString(), false).delivery(new PrintWriter(said))) {
            delivery.open();
            delivery.complete();
        }

        assertThat(killed).doesNotExist();
        assertThat(running).exists();
        assertThat(said.toString()).contains("Removed " + killed + ", left by an earlier get that was killed.");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
