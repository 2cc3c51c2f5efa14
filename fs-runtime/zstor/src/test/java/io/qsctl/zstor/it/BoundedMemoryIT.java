package io.qsctl.zstor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zstor.backend.Backend;
import io.qsctl.zstor.segment.KeyMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming with bounded memory: one large segment (1 GiB; {@code -Dzstor.bounded.bytes=4294967296}
 * for the 4 GiB of the issue) stored and read back by a child JVM limited to a 256 MiB heap,
 * through 20 real 0-db servers running in this JVM. An out-of-memory error ends the child with
 * a non-zero code.
 */
class BoundedMemoryIT {

    @TempDir
    Path root;

    @Test
    void aSegmentMuchLargerThanTheHeapStoresAndReadsBackIn256MiB() throws Exception {
        long size = Long.getLong("zstor.bounded.bytes", 1L << 30);
        try (ZdbCluster cluster = ZdbCluster.start(root.resolve("zdb"), 20, KeyMode.SEQ)) {
            Path backends = root.resolve("backends.tsv");
            Files.createFile(backends, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            List<String> lines = new ArrayList<>();
            for (Backend b : cluster.backends()) {
                lines.add(String.join("\t", b.name(), b.endpoint(), b.namespace(), b.password(), b.labels().get(Backend.FARM),
                        b.labels().get(Backend.COUNTRY)));
            }
            Files.write(backends, lines, StandardCharsets.UTF_8);

            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                    "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    BoundedMemoryMain.class.getName(), backends.toString(), Long.toString(size), "42")
                    .redirectErrorStream(true).redirectOutput(root.resolve("child.log").toFile()).start();
            boolean ended = child.waitFor(10, TimeUnit.MINUTES);
            String output = read(root.resolve("child.log"));
            if (!ended) {
                child.destroyForcibly();
            }
            System.out.println(output.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse("no RESULT line"));
            assertThat(ended).as("the child finished").isTrue();
            assertThat(child.exitValue()).as("child exit code; its output:%n%s", output).isZero();
            assertThat(output).contains("RESULT identical size=" + size).contains("maxHeap=256MiB");
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
