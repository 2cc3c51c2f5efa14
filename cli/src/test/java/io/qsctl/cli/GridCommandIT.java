package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code qsctl grid ...} and {@code qsctl nodes list} through the packaged jar, on a grid home of their own. */
class GridCommandIT {

    @TempDir
    static Path gridHome;

    private static Map<String, String> env() {
        return Map.of("QSCTL_GRID_HOME", gridHome.toString());
    }

    private static QsctlRun qsctl(String... args) {
        return QsctlRun.process(env(), "", QsctlRun.REPOSITORY, args);
    }

    private static JsonNode json(QsctlRun run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return JsonMapper.shared().readTree(run.stdout());
    }

    @AfterAll
    static void down() {
        qsctl("grid", "down");
    }

    @Test
    void theGridStartsOnDemandAnswersAndStops() {
        QsctlRun up = qsctl("grid", "up");
        assertThat(up.exitCode()).as(up.stderr()).isZero();
        assertThat(up.stdout()).contains("grid: running at http://127.0.0.1:").contains("home        " + gridHome);

        JsonNode status = json(qsctl("grid", "status", "-o", "json"));
        assertThat(status.path("running").asBoolean()).isTrue();
        assertThat(status.path("nodeCount").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(status.path("farmCount").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(status.has("token")).isFalse();

        JsonNode page = json(qsctl("nodes", "list", "-o", "json", "--size", "100"));
        assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(30);
        JsonNode nodes = page.path("nodes");
        assertThat(nodes.isArray()).isTrue();
        assertThat(nodes.size()).isGreaterThanOrEqualTo(30);
        assertThat(nodes.get(0).path("nodeId").asLong()).isEqualTo(1);
        assertThat(nodes.get(0).path("total_resources").path("hru").asLong()).isPositive();
        assertThat(nodes.get(0).path("features").toString()).contains("zdb");

        QsctlRun belgium = qsctl("nodes", "list", "--country", "be", "--min-free-hdd", "1TiB");
        assertThat(belgium.exitCode()).as(belgium.stderr()).isZero();
        assertThat(belgium.stdout().lines().skip(1).filter(l -> l.matches("\\s*\\d+  .*")))
                .isNotEmpty().allMatch(l -> l.contains(" BE "));

        QsctlRun advanced = qsctl("grid", "clock", "advance", "2d");
        assertThat(advanced.exitCode()).as(advanced.stderr()).isZero();
        assertThat(advanced.stdout()).contains("advanced 2d");

        assertThat(qsctl("grid", "node", "stop", "1").stdout()).contains("node 1 (freefarm, BE): down");
        JsonNode down = json(qsctl("nodes", "list", "--status", "down", "-o", "json"));
        assertThat(down.findValuesAsString("nodeId")).contains("1");
        assertThat(qsctl("grid", "node", "start", "1").stdout()).contains(": up");

        QsctlRun stopped = qsctl("grid", "down");
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.stdout()).contains("grid: stopped");
        assertThat(qsctl("grid", "status").stdout()).contains("grid: not running");
        assertThat(qsctl("grid", "down").stdout()).contains("grid: not running");
    }

    @Test
    void aJarNamedByARelativePathStartsTheGridToo(@TempDir Path otherHome) {
        Path moduleDir = QsctlRun.JAR.getParent().getParent();
        Map<String, String> env = Map.of("QSCTL_GRID_HOME", otherHome.toString());
        java.util.List<String> command = java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", moduleDir.relativize(QsctlRun.JAR).toString(), "nodes", "list", "--size", "3");
        try {
            QsctlRun run = QsctlRun.exec(command, env, "", moduleDir, java.time.Duration.ofSeconds(60));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).contains("freefarm");
        } finally {
            QsctlRun.exec(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    QsctlRun.JAR.toString(), "grid", "down"), env, "", moduleDir, java.time.Duration.ofSeconds(60));
        }
    }

    @Test
    void wrongArgumentsAreUsageErrorsAndOtherNetworksAreRefused() {
        assertThat(qsctl("grid", "clock", "advance", "3x").exitCode()).isEqualTo(64);
        assertThat(qsctl("nodes", "list", "--status", "sideways").exitCode()).isEqualTo(64);
        QsctlRun main = qsctl("nodes", "list", "--network", "main");
        assertThat(main.exitCode()).isEqualTo(1);
        assertThat(main.stderr()).contains("only --network local works");
        QsctlRun noSuchNode = qsctl("grid", "node", "stop", "99");
        assertThat(noSuchNode.exitCode()).isEqualTo(1);
        assertThat(noSuchNode.stderr()).contains("node 99 does not exist (the nodes are 1 to 36)");
        QsctlRun tooFar = qsctl("grid", "clock", "advance", "100000000d");
        assertThat(tooFar.exitCode()).isEqualTo(64);
        assertThat(tooFar.stderr()).contains("at most 3650d");
    }

    @Test
    void aLongClockAdvanceGoesInStepsShowingProgressAndFinishes() {
        JsonNode before = json(qsctl("grid", "status", "-o", "json"));
        if (!before.path("running").asBoolean()) {
            assertThat(qsctl("grid", "up").exitCode()).isZero();
            before = json(qsctl("grid", "status", "-o", "json"));
        }
        QsctlRun advanced = qsctl("grid", "clock", "advance", "600d");
        assertThat(advanced.exitCode()).as(advanced.stderr()).isZero();
        assertThat(advanced.stdout()).contains("(advanced 600d)");
        // not a terminal: a line each time another tenth is done, each saying where the clock stands
        assertThat(advanced.stderr().lines().filter(l -> l.startsWith("Advancing the grid clock: ")))
                .hasSize(9)
                .allMatch(l -> l.matches("Advancing the grid clock: \\d+d of 600d \\(\\d0%\\), grid time \\S+"))
                .first().asString().contains("(10%)");
        JsonNode after = json(qsctl("grid", "status", "-o", "json"));
        assertThat(java.time.Instant.parse(after.path("gridTime").asString()))
                .isAfterOrEqualTo(java.time.Instant.parse(before.path("gridTime").asString()).plus(java.time.Duration.ofDays(600)));
    }

    @Test
    void aFrozenDaemonIsReportedWithItsRealStartAndAsNotAnsweringAndCanBeStopped(@TempDir Path frozenHome)
            throws Exception {
        Map<String, String> env = Map.of("QSCTL_GRID_HOME", frozenHome.toString());
        assertThat(QsctlRun.process(env, "", QsctlRun.REPOSITORY, "grid", "up").exitCode()).isZero();
        JsonNode file = JsonMapper.shared().readTree(java.nio.file.Files.readString(frozenHome.resolve("grid.json")));
        long pid = file.path("pid").asLong();
        String started = file.path("started").asString();
        signal("STOP", pid);
        try {
            QsctlRun status = QsctlRun.process(env, "", QsctlRun.REPOSITORY, "grid", "status");
            assertThat(status.exitCode()).isZero();
            assertThat(status.stdout()).contains("grid: not answering (home " + frozenHome + ")")
                    .contains("pid         " + pid + " holds the home, stopped by a signal")
                    .contains("started     " + started)
                    .contains("'kill -CONT " + pid + "'");
            JsonNode json = JsonMapper.shared().readTree(
                    QsctlRun.process(env, "", QsctlRun.REPOSITORY, "grid", "status", "-o", "json").stdout());
            assertThat(json.path("daemonState").asString()).isEqualTo("suspended");
            assertThat(json.path("started").asString()).isEqualTo(started);

            long t0 = System.nanoTime();
            QsctlRun up = QsctlRun.process(env, "", QsctlRun.REPOSITORY, "grid", "up");
            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.stderr()).contains("does not answer: its daemon (pid " + pid + ", started " + started + ")")
                    .contains("stopped by a signal");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).as("said at once, not after a minute")
                    .isLessThan(java.time.Duration.ofSeconds(30));

            QsctlRun down = QsctlRun.process(env, "", QsctlRun.REPOSITORY, "grid", "down");
            assertThat(down.exitCode()).as(down.stderr()).isZero();
            assertThat(down.stdout()).contains("grid: stopped");
            // stopped cleanly (the world saved, grid.json removed), not killed
            assertThat(java.nio.file.Files.readString(frozenHome.resolve("grid.log"))).contains("grid: stopped (SIGTERM)");
            assertThat(frozenHome.resolve("grid.json")).doesNotExist();
        } finally {
            if (java.nio.file.Files.exists(frozenHome.resolve("grid.json"))) {
                signal("CONT", pid);
                QsctlRun.process(env, "", QsctlRun.REPOSITORY, "grid", "down");
            }
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
