package io.qsctl.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qsctl.cli.zdb.ServingReport;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.client.ZdbServerException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qsctl zdb} from the packaged jar: serving, stopping, hooks, refusals. */
class ZdbCommandIT {

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        Collections.reverse(cleanup);
        for (AutoCloseable resource : cleanup) {
            resource.close();
        }
    }

    private ZdbProcess start(Map<String, String> env, String... args) {
        ZdbProcess server = ZdbProcess.start(dir, env, args);
        cleanup.add(server);
        return server;
    }

    private ZdbProcess start(String... args) {
        return start(Map.of(), args);
    }

    private ZdbConnection connect(ZdbProcess server) {
        return connect(server.client());
    }

    private ZdbConnection connect(ZdbClientConfig config) {
        ZdbConnection connection = ZdbConnection.open(config);
        cleanup.add(connection);
        return connection;
    }

    @Test
    void servesOnLoopbackByDefaultAndKeepsItsDataAcrossACleanRestart() {
        ZdbProcess server = start("--port", "0");
        ServingReport report = server.report();
        assertThat(report.listen()).contains("127.0.0.1");
        assertThat(report.instanceId()).isEqualTo("tcp://127.0.0.1:" + server.port());
        assertThat(report.socket()).isEmpty();
        assertThat(report.pid()).isEqualTo(server.pid());
        assertThat(server.stderr()).contains("zdb: serving on tcp 127.0.0.1:" + server.port()
                + " (data ./zdb-data, index ./zdb-index)");
        nonLoopbackAddress().ifPresent(address -> assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, server.port()), 2000);
            }
        }).as("not listening on %s", address).isInstanceOf(IOException.class));

        ZdbConnection client = connect(server);
        assertThat(client.set(bytes("greeting"), bytes("hello"))).hasValueSatisfying(k -> assertThat(k).isEqualTo(bytes("greeting")));
        assertThat(client.get(bytes("greeting"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("hello")));
        client.nsnew("photos");
        client.select("photos");
        client.set(bytes("cat"), bytes("meow"));
        client.close();

        assertThat(server.stop()).isZero();
        assertThat(server.stderr()).contains("zdb: stopped (SIGTERM)").doesNotContain("Exception");

        ZdbProcess again = start("--port", "0");
        ZdbConnection reader = connect(again);
        assertThat(reader.get(bytes("greeting"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("hello")));
        assertThat(reader.nslist()).contains("default", "photos");
        reader.select("photos");
        assertThat(reader.get(bytes("cat"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("meow")));
    }

    @Test
    void aSigintStopsItCleanlyWithExitCode130() {
        ZdbProcess server = start("--port", "0");
        connect(server).set(bytes("k"), bytes("v"));
        assertThat(server.interrupt()).isEqualTo(130);
        assertThat(server.stderr()).contains("zdb: stopped (SIGINT)");
    }

    @Test
    void theHookHearsEveryEventWithTheInstanceIdAsSecondArgument() throws Exception {
        Path events = dir.resolve("events.txt");
        script("hook.sh", "echo \"$@\" >> '" + events + "'\n");
        Path index = dir.resolve("idx");
        Path data = dir.resolve("dat");
        ZdbProcess server = start("--port", "0", "--hook", "hook.sh", "--index", index.toString(),
                "--data", data.toString());
        String id = "tcp://127.0.0.1:" + server.port();
        assertThat(Files.readAllLines(events)).startsWith("namespaces-init " + id + " " + index + " " + data,
                "ready " + id);

        ZdbConnection client = connect(server);
        client.nsnew("photos");
        client.command("NSJUMP");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readAllLines(events)).contains(
                "namespace-created " + id + " photos",
                "jump-index " + id + " " + index.resolve("default/i0") + " " + index.resolve("default/i1") + " ",
                "jump-data " + id + " " + data.resolve("default/d0") + " " + data.resolve("default/d1")));

        client.close();
        assertThat(server.stop()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readAllLines(events)).contains(
                "close " + id,
                "namespace-closing " + id + " photos " + index.resolve("photos/i0") + " " + data.resolve("photos/d0") + " "));
    }

    @Test
    void aReadyHookThatFailsStopsStartUpWithExitCode1() throws Exception {
        script("refuse.sh", "[ \"$1\" = ready ] && exit 1\nexit 0\n");
        // named without a directory, the hook is the file here (as for 0-db's execv), not one in PATH
        QsctlRun run = QsctlRun.process(Map.of(), "", dir, "zdb", "--port", "0", "--hook", "refuse.sh");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip()).isEqualTo("error: the ready hook ./refuse.sh failed (it must exit 0); not serving");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void protectWithoutAnAdminPasswordIsAUsageError() {
        QsctlRun run = QsctlRun.process(Map.of(), "", dir, "zdb", "--port", "0", "--protect");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr()).contains("--protect needs an admin password");
    }

    @Test
    void aDataSizeOf4GiBOrMoreIsRefused() {
        QsctlRun run = QsctlRun.process(Map.of(), "", dir, "zdb", "--port", "0", "--datasize", "5G");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr()).contains("--datasize must be at least 1 byte and less than 4GiB").contains("5GiB");
        assertThat(QsctlRun.process(Map.of("QSCTL_DATASIZE", "4GiB"), "", dir, "zdb", "--port", "0").exitCode())
                .isEqualTo(64);
        assertThat(Files.exists(dir.resolve("zdb-index"))).as("nothing was created").isFalse();
    }

    @Test
    void aPortInUseIsAOneLineErrorWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            QsctlRun run = QsctlRun.process(Map.of(), "", dir, "zdb", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr().strip()).startsWith("error: cannot listen on tcp 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsAOneLineError() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        QsctlRun run = QsctlRun.process(Map.of(), "", dir, "zdb", "--port", "0", "--data", file.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip()).isEqualTo("error: cannot create the data directory " + file.resolve("data")
                + ": Not a directory");
    }

    @Test
    void aSecondServerOnTheSameIndexIsRefused() {
        ZdbProcess first = start("--port", "0");
        QsctlRun second = QsctlRun.process(Map.of(), "", dir, "zdb", "--port", "0");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.stderr().strip()).isEqualTo("error: another zdb server (pid " + first.pid()
                + ") uses ./zdb-index; stop it first");
    }

    @Test
    void anAdminPasswordFromTheEnvironmentProtectsTheDefaultNamespaceWithoutAWarning() {
        ZdbProcess server = start(Map.of("QSCTL_ZDB_ADMIN", "s3cret"), "--port", "0", "--protect");
        assertThat(server.stderr()).doesNotContain("warning");
        ZdbConnection anonymous = connect(server);
        assertThatThrownBy(() -> anonymous.set(bytes("k"), bytes("v"))).isInstanceOf(ZdbServerException.class);
        ZdbConnection owner = connect(server);
        owner.select("default", "s3cret");
        assertThat(owner.set(bytes("k"), bytes("v"))).isPresent();
        owner.auth("s3cret");
        owner.nsnew("private");
    }

    @Test
    void anAdminPasswordOnTheCommandLineIsWarnedAbout() {
        ZdbProcess server = start("--port", "0", "--admin", "s3cret");
        assertThat(server.stderr()).contains("zdb: warning: a password given with --admin is visible to every user")
                .doesNotContain("s3cret");
        ZdbConnection client = connect(server);
        assertThatThrownBy(() -> client.nsnew("x")).isInstanceOf(ZdbServerException.class);
    }

    @Test
    void aUnixSocketReplacesTcpUnlessDualnet() {
        Path socket = dir.resolve("zdb.sock");
        ZdbProcess server = start("--socket", socket.toString());
        assertThat(server.report().port()).isEmpty();
        assertThat(server.report().instanceId()).isEqualTo("unix://" + socket);
        assertThat(connect(ZdbClientConfig.unix(socket)).ping()).isEqualTo("PONG");
        assertThat(server.stop()).isZero();

        ZdbProcess both = start("--socket", socket.toString(), "--dualnet", "--port", "0");
        assertThat(connect(ZdbClientConfig.unix(socket)).ping()).isEqualTo("PONG");
        assertThat(connect(both).ping()).isEqualTo("PONG");
    }

    @Test
    void backgroundPrintsThePidOfAServerThatOutlivesTheCommand() {
        Path log = dir.resolve("zdb.log");
        QsctlRun run = QsctlRun.process(Map.of("QSCTL_ZDB_ADMIN", "s3cret"), "", dir, "-v", "zdb", "--port", "0",
                "--background", "--logfile", log.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        long pid = Long.parseLong(run.stdout().strip());
        ProcessHandle child = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " is not running"));
        cleanup.add(() -> child.destroyForcibly());
        assertThat(run.stderr()).contains("in the background as pid " + pid + "; its output goes to " + log);
        assertThat(child.info().commandLine().orElse("")).doesNotContain("s3cret").doesNotContain("--background");

        int port = Integer.parseInt(run.stderr().replaceAll("(?s).*tcp 127\\.0\\.0\\.1:([0-9]+).*", "$1"));
        ZdbConnection client = connect(ZdbClientConfig.tcp("127.0.0.1", port).withAdminPassword("s3cret"));
        client.nsnew("background");

        child.destroy();
        await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
        assertThat(readString(log)).contains("serving 0-db protocol on tcp 127.0.0.1:" + port)
                .contains("zdb: stopped (SIGTERM)");
    }

    @Test
    void backgroundReportsWhyTheServerCouldNotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            QsctlRun run = QsctlRun.process(Map.of(), "", dir, "zdb", "--background", "--port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr().strip()).startsWith("error: cannot listen on tcp 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void theLogfileTakesTheLogsInTheForeground() {
        Path log = dir.resolve("foreground.log");
        ZdbProcess server = start("-v", "--port", "0", "--logfile", log.toString());
        assertThat(readString(log)).contains("serving 0-db protocol on tcp 127.0.0.1:" + server.port());
        assertThat(server.stderr()).doesNotContain("INFO");
    }

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(nic -> {
                        try {
                            return nic.isUp() && !nic.isLoopback();
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
