package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a fresh checkout: {@code ./qsctl} builds what it needs on first
 * use, says so in one line, works from any directory, and rebuilds only when sources change.
 */
class LauncherIT {

    @Test
    void theLauncherBuildsOnFirstUseAndWhenSourcesChangeOnly(@TempDir Path temp) throws IOException {
        Path checkout = temp.resolve("checkout");
        copySources(QsctlRun.REPOSITORY, checkout);
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        List<String> command = List.of(checkout.resolve("qsctl").toString(), "validate", "-f",
                checkout.resolve("examples/quickstart.yaml").toString());

        QsctlRun first = QsctlRun.exec(command, Map.of(), "", elsewhere, Duration.ofMinutes(5));
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stderr().lines()).containsExactly(
                "qsctl: building the CLI from " + checkout + " (first run, or sources changed)...");
        assertThat(first.stdout()).contains("valid: StorageCluster quickstart");

        QsctlRun second = QsctlRun.exec(command, Map.of(), "", elsewhere, Duration.ofMinutes(1));
        assertThat(second.exitCode()).isZero();
        assertThat(second.stderr()).isEmpty();

        // Another build (./mvnw verify, an IDE) replaces the jar; the JVM would refuse the class data
        // sharing archive made from the old one, and -Xshare:on makes that refusal fatal.
        Path jar = checkout.resolve("cli/target/qsctl.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(2)));
        QsctlRun afterOtherBuild = QsctlRun.exec(command, Map.of("QSCTL_JAVA_OPTS", "-Xshare:on"), "", elsewhere,
                Duration.ofMinutes(1));
        assertThat(afterOtherBuild.exitCode()).as(afterOtherBuild.stderr()).isZero();
        assertThat(afterOtherBuild.stderr()).isEmpty();

        Path source = checkout.resolve("schema/src/main/java/io/qsctl/spec/ByteSize.java");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(5)));
        QsctlRun third = QsctlRun.exec(command, Map.of(), "", elsewhere, Duration.ofMinutes(5));
        assertThat(third.exitCode()).isZero();
        assertThat(third.stderr()).contains("building the CLI");
    }

    private static void copySources(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(from) && (name.equals("target") || name.equals(".git"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
