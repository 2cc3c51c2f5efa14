package io.qsctl.cli;

import static io.qsctl.cli.ClusterWorkspace.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A new user's first hour, as issue 9 walked it: the README's commands through the real launcher
 * in a checkout ({@code ./qsctl apply -f examples/quickstart.yaml --auto-approve}, the object
 * walkthrough), then every step that used to break, with the messages and exit codes a user
 * reads. The details of each finding have their own tests (ObjectGetDestinationIT,
 * ObjectTransferSignalIT, LostDiskIT, GridCrashIT, ApprovalIT, HelpTextTest, MachineOutputIT);
 * this one checks that they hold together, in the order a person meets them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewUserFirstHourIT {

    private static final String SPEC = "examples/quickstart.yaml";
    private static final int MIB = 1 << 20;

    @TempDir
    static Path dir;

    private static Path checkout;
    private static ClusterWorkspace workspace;
    private static Path photos;
    private static String photosId;

    /** A checkout with the launcher, the packaged jar and the examples, as a user has after cloning and building. */
    @BeforeAll
    static void aCheckout() throws IOException {
        checkout = Files.createDirectories(dir.resolve("qsctl"));
        Files.createDirectories(checkout.resolve("cli/target"));
        Files.createDirectories(checkout.resolve("examples"));
        Files.copy(QsctlRun.REPOSITORY.resolve("qsctl"), checkout.resolve("qsctl"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(QsctlRun.REPOSITORY.resolve(SPEC), checkout.resolve(SPEC));
        Files.createSymbolicLink(checkout.resolve("cli/target/qsctl.jar"), QsctlRun.JAR);
        workspace = new ClusterWorkspace(dir.resolve("home"));
        photos = Files.write(dir.resolve("photos.tar"), random(6 * MIB, 1));
    }

    @AfterAll
    static void stopTheGrid() {
        if (workspace != null) {
            workspace.close();
        }
    }

    /** {@code ./qsctl ARGS} in the checkout, with the workspace's grid home, state and identity. */
    private static QsctlRun qsctl(int expected, String... args) {
        Map<String, String> env = new HashMap<>(workspace.env());
        env.put("QSCTL_CDS", "0");
        env.put("COLUMNS", "80");
        List<String> command = new ArrayList<>(List.of(checkout.resolve("qsctl").toString()));
        command.addAll(List.of(args));
        QsctlRun run = QsctlRun.exec(command, env, "", checkout, Duration.ofSeconds(120));
        assertThat(run.exitCode()).as("exit code of ./qsctl %s%nstdout:%n%s%nstderr:%n%s", String.join(" ", args),
                run.stdout(), run.stderr()).isEqualTo(expected);
        assertThat(run.stderr()).as("no JVM warning reaches the user").doesNotContain("WARNING: Using incubator modules");
        return run;
    }

    private static long nodeOf(String backend) {
        return backends().get(backend).path("nodeId").asLong();
    }

    private static Map<String, JsonNode> backends() {
        return workspace.backends(checkout.resolve(SPEC));
    }

    @Test
    @Order(1)
    void theReadmeQuickstartCreatesTheClusterAndTheTourWorksAsWritten() {
        QsctlRun applied = qsctl(0, "apply", "-f", SPEC, "--auto-approve");
        assertThat(applied.stdout()).contains("qsctl will perform these actions on cluster quickstart")
                .contains("Apply complete! 10 created, 0 grown, 0 replaced, 0 deleted.");
        assertThat(applied.stderr()).contains("Using the embedded grid's sandbox identity");

        QsctlRun listed = qsctl(0, "get", "backends", "-f", SPEC);
        assertThat(listed.stdout()).contains("data-00").contains("data-05").contains("meta-3");
        assertThat(listed.stderr()).as("the sandbox notice is said once per grid home").doesNotContain("sandbox identity");

        QsctlRun status = qsctl(0, "status", "-f", SPEC);
        assertThat(status.stdout()).contains("Health:   healthy (exit code 0)").contains("Backends: 10 (10 healthy)")
                .contains("Capacity: 0 B used of 24.0 GiB on the data backends");
    }

    @Test
    @Order(2)
    void theObjectWalkthroughStoresReadsThroughADeadNodeAndRepairs() throws IOException {
        QsctlRun put = qsctl(0, "object", "put", "-f", SPEC, photos.toString());
        photosId = put.stdout().strip();
        assertThat(photosId).matches("[0-9a-f]{32}");
        assertThat(put.stderr()).contains("Stored 6.0 MiB in");

        String node = Long.toString(nodeOf("data-02"));
        qsctl(0, "grid", "node", "stop", node);
        Path restored = dir.resolve("restored.tar");
        QsctlRun get = qsctl(0, "object", "get", "-f", SPEC, photosId, "--to", restored.toString());
        // whether a stripe is rebuilt depends on whether data-02 held one of its data or parity shards
        assertThat(get.stderr()).contains("Read 6.0 MiB (2 stripe(s)");
        assertThat(Files.readAllBytes(restored)).isEqualTo(Files.readAllBytes(photos));

        QsctlRun check = qsctl(1, "object", "check", "-f", SPEC);
        assertThat(check.stdout()).contains("damaged (readable)").contains("on data-02: unreachable");
        QsctlRun status = qsctl(5, "status", "-f", SPEC);
        assertThat(status.stdout()).as("a stopped node is attention for monitoring").contains("data-02");

        qsctl(0, "replace", "backend", "data-02", "-f", SPEC, "--auto-approve");
        QsctlRun repaired = qsctl(0, "object", "repair", "-f", SPEC);
        assertThat(repaired.stdout()).contains("complete");
        qsctl(0, "grid", "node", "start", node);
        qsctl(0, "object", "check", "-f", SPEC);
    }

    /** Finding 4: a script without a terminal is refused, not approved "because it is the embedded grid". */
    @Test
    @Order(3)
    void withoutATerminalNothingIsApprovedUnasked() {
        Map<String, JsonNode> before = backends();
        QsctlRun refused = qsctl(1, "replace", "backend", "data-00", "-f", SPEC);
        assertThat(refused.stdout()).as("the plan is shown first").contains("data-00");
        assertThat(refused.stderr()).contains("error: approval required and there is no terminal to ask, so nothing was"
                + " changed").contains("--auto-approve");
        assertThat(backends().get("data-00").path("contract")).isEqualTo(before.get("data-00").path("contract"));
    }

    /** Finding 2: a wiped disk is lost for status and plan, apply replaces it and repair completes. */
    @Test
    @Order(4)
    void aLostDiskIsSeenAndEveryMessageNamesItsFix() {
        long node = nodeOf("data-01");
        qsctl(0, "grid", "node", "wipe", Long.toString(node));

        QsctlRun status = qsctl(5, "status", "-f", SPEC);
        assertThat(status.stdout()).contains("Health:   needs attention (exit code 5)").contains("1 lost")
                .contains("! data-01: namespace ").contains("`qsctl apply -f " + SPEC + "`")
                .doesNotContain("data-01: data-01");
        JsonNode conditions = json(qsctl(5, "status", "-f", SPEC, "-o", "json").stdout()).path("conditions");
        assertThat(conditions.get(0).path("type").asString()).isEqualTo("Ready");
        assertThat(conditions.get(0).path("status").asString()).isEqualTo("False");
        assertThat(conditions.get(0).path("since").asString()).isNotEmpty();

        QsctlRun drift = qsctl(2, "plan", "-f", SPEC, "--refresh-only", "--detailed-exitcode");
        assertThat(drift.stdout()).contains("data-01").contains("apply would replace 1 lost backend(s)")
                .doesNotContain("No changes");

        QsctlRun replaced = qsctl(0, "apply", "-f", SPEC, "--auto-approve");
        assertThat(replaced.stdout()).contains("1 replaced").contains("`qsctl object repair -f " + SPEC + "`");
        qsctl(0, "object", "repair", "-f", SPEC);
        qsctl(0, "status", "-f", SPEC);
    }

    /** Finding 1, and the broken pipe of finding 9: get writes as cp and a redirection do. */
    @Test
    @Order(5)
    void getWritesThroughLinksAndIntoStandardOutputAndStopsQuietlyForHead() throws IOException {
        Path target = Files.writeString(dir.resolve("target.tar"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.tar"), target);
        qsctl(0, "object", "get", "-f", SPEC, photosId, "--to", link.toString(), "--force");
        assertThat(Files.isSymbolicLink(link)).as("the link stays a link").isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(photos));

        Path redirected = dir.resolve("redirected.tar");
        QsctlRun stdout = shell("./qsctl object get -f " + SPEC + " " + photosId + " --to /dev/stdout > " + redirected);
        assertThat(stdout.exitCode()).as("no --force asked for standard output: %s", stdout.stderr()).isZero();
        assertThat(Files.readAllBytes(redirected)).isEqualTo(Files.readAllBytes(photos));

        QsctlRun head = shell("set -o pipefail; ./qsctl object get -f " + SPEC + " " + photosId
                + " --to - | head -c 100 >/dev/null");
        assertThat(head.exitCode()).as(head.stderr()).isEqualTo(141);
        assertThat(head.stderr()).doesNotContain("error").doesNotContain("Broken pipe");
    }

    /** {@code bash -c SCRIPT} in the checkout, for what a user pipes and redirects. */
    private static QsctlRun shell(String script) {
        Map<String, String> env = new HashMap<>(workspace.env());
        env.put("QSCTL_CDS", "0");
        return QsctlRun.exec(List.of("bash", "-c", script), env, "", checkout, Duration.ofSeconds(120));
    }

    /** Finding 5: SIGTERM during a put says that nothing was stored. */
    @Test
    @Order(6)
    void aTerminatedPutSaysNothingWasStored() {
        int objectsBefore = json(workspace.expect(0, "object", "list", "-f", checkout.resolve(SPEC).toString(), "-o",
                "json").stdout()).path("objects").size();
        try (QsctlProcess put = workspace.startInterruptible(true, "object", "put", "-f",
                checkout.resolve(SPEC).toString(), "-")) {
            put.feed(random(2 * MIB, 2)); // more than a pipe holds: the put is reading; the input stays open
            put.signal("TERM");
            QsctlRun run = put.await(Duration.ofSeconds(60));
            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(143);
            assertThat(run.stderr()).contains("error: object put interrupted (SIGTERM)").contains("nothing was stored");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(workspace.expect(0, "object", "list",
                "-f", checkout.resolve(SPEC).toString(), "-o", "json").stdout()).path("objects")).hasSize(objectsBefore));
    }

    /** Finding 6: a put that cannot fit is refused before it sends anything, with what is free and what to do. */
    @Test
    @Order(7)
    void aPutThatCannotFitIsRefusedAtOnceWithTheWayOut() throws IOException {
        // A small cluster without gigabytes of test data: the data namespaces limited to 16 MiB,
        // as their node's admin (the embedded grid's nodes take admin commands from anyone).
        for (var backend : backends().entrySet()) {
            if (backend.getKey().startsWith("data-")) {
                try (ZdbConnection admin = ZdbConnection.open(ZdbClientConfig.parse(
                        backend.getValue().path("endpoint").asString()))) {
                    admin.nsset(backend.getValue().path("namespace").asString(), "maxsize", Integer.toString(16 * MIB));
                }
            }
        }
        Path big = Files.write(dir.resolve("big.bin"), random(80 * MIB, 3));
        QsctlRun refused = qsctl(1, "object", "put", "-f", SPEC, big.toString());
        assertThat(refused.stderr()).contains("does not fit in cluster quickstart").contains("Raise spec.capacity in "
                + SPEC).contains("Nothing was stored.");
        JsonNode capacity = json(qsctl(5, "status", "-f", SPEC, "-o", "json").stdout()).path("capacity");
        assertThat(capacity.path("freeBytes").asLong()).isPositive().isLessThan(6L * 16 * MIB);

        Path tiny = Files.writeString(dir.resolve("tiny.yaml"), Files.readString(checkout.resolve(SPEC))
                .replace("capacity: 10GiB", "capacity: 1B"));
        QsctlRun invalid = qsctl(1, "validate", "-f", tiny.toString());
        assertThat(invalid.stderr()).contains(tiny + ":").contains("spec.capacity");
    }

    /** Finding 3, 7, 8 and the rest of 9: bounds, help, shapes and messages that say what to do. */
    @Test
    @Order(8)
    void roughEdgesAreSmooth() throws IOException {
        QsctlRun tooFar = qsctl(64, "grid", "clock", "advance", "100000000d");
        assertThat(tooFar.stderr()).contains("3650d");

        QsctlRun help = qsctl(0, "--help");
        assertThat(help.stdout().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        assertThat(help.stdout()).contains("  apply         Make the grid match storage.yaml: plan, show, ask, then reserve,");
        assertThat(qsctl(0, "object", "--help").stderr()).isEmpty();

        JsonNode validated = json(qsctl(1, "validate", "-f", "missing.yaml", "-o", "json").stdout());
        assertThat(validated.path("files").get(0).path("problems")).hasSize(1);

        QsctlRun forgotten = qsctl(64, "apply", SPEC);
        assertThat(forgotten.stderr()).contains("is a spec, not a saved plan: run qsctl apply -f " + SPEC);

        QsctlRun unlocked = qsctl(0, "force-unlock", "0123456789abcdef", "-f", SPEC);
        assertThat(unlocked.stdout() + unlocked.stderr()).contains("not locked; nothing to do");

        qsctl(0, "destroy", "-f", SPEC, "--confirm", "quickstart");
        QsctlRun again = qsctl(0, "destroy", "-f", SPEC, "--confirm", "quickstart");
        assertThat(again.stdout()).contains("Cluster quickstart was already destroyed (at ").doesNotContain("No changes");
        try (Stream<Path> left = Files.list(workspace.stateDir("quickstart"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("a destroyed cluster keeps no journal and no condition history")
                    .noneMatch(name -> name.contains("journal") || name.equals("conditions.json"));
        }
        assertThat(workspace.stateDir("quickstart").resolve("zstor/meta-index"))
                .as("the object store's local index of objects that are gone").doesNotExist();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
