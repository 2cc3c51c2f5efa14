package io.qsctl.cli;

import static io.qsctl.cli.ClusterWorkspace.alive;
import static io.qsctl.cli.ClusterWorkspace.byBackend;
import static io.qsctl.cli.ClusterWorkspace.documents;
import static io.qsctl.cli.ClusterWorkspace.json;
import static io.qsctl.cli.ClusterWorkspace.writeAndReadBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.provider.Contract;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.identity.Identity;
import io.qsctl.provider.identity.Mnemonic;
import io.qsctl.provider.identity.MnemonicIdentity;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.client.ZdbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The quickstart's life, through the packaged CLI against its own embedded grid: created as the
 * README says, then grown in count and capacity, shrunk, moved to other countries and destroyed,
 * with the plan of every step checked before it is applied and the grid and the namespaces
 * checked after. Also what a wrong spec and a real network get.
 */
class ClusterLifecycleIT {

    private static final String CLUSTER = "quickstart";
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private ClusterWorkspace workspace;

    @BeforeEach
    void workspace() {
        workspace = new ClusterWorkspace(dir);
    }

    @AfterEach
    void stopTheGrid() {
        workspace.close();
    }

    private static String quickstart(int count, String capacity, String countries) {
        return QuickstartSpec.yaml(count, capacity, countries);
    }

    @Test
    void theQuickstartGrowsShrinksMovesCountriesAndIsDestroyedLeavingNothing() throws IOException {
        Path spec = dir.resolve("quickstart.yaml");
        Files.copy(QsctlRun.REPOSITORY.resolve("examples/quickstart.yaml"), spec);
        String file = spec.toString();

        // The README's first command, as typed: no grid running, no identity, no terminal.
        assertThat(Files.readString(QsctlRun.REPOSITORY.resolve("README.md")))
                .contains("./qsctl apply -f examples/quickstart.yaml --auto-approve");
        QsctlRun created = workspace.expect(0, "apply", "-f", file, "--auto-approve");
        assertThat(created.stderr()).contains("Starting the embedded grid in " + workspace.gridHome())
                .contains("sandbox identity");
        assertThat(created.stdout()).contains("Plan: 10 to create, 0 to grow, 0 to replace, 0 to delete.")
                .contains("Apply complete! 10 created, 0 grown, 0 replaced, 0 deleted.");

        Identity identity = workspace.sandboxIdentity();
        TwinId twin = workspace.twin(identity);
        Map<String, JsonNode> backends = workspace.backends(spec);
        assertThat(backends.keySet()).containsExactly("data-00", "data-01", "data-02", "data-03", "data-04", "data-05",
                "meta-0", "meta-1", "meta-2", "meta-3");
        for (JsonNode b : backends.values()) {
            String name = b.path("name").asString();
            boolean data = name.startsWith("data-");
            assertThat(b.path("role").asString()).as(name).isEqualTo(data ? "data" : "metadata");
            assertThat(b.path("nodeId").asLong()).as(name).isPositive();
            assertThat(b.path("namespace").asString()).as(name)
                    .isEqualTo(twin.value() + "-" + b.path("contract").asLong() + "-" + name);
            assertThat(b.path("size").asLong()).as(name).isEqualTo(data ? 4 * GIB : GIB);
            assertThat(b.path("contractState").asString()).as(name).isEqualTo("created");
            assertThat(b.path("mode").asString()).as(name).isEqualTo(data ? "seq" : "user");
        }
        assertThat(backends.values().stream().map(b -> b.path("nodeId").asLong()).distinct())
                .as("one backend per node").hasSize(10);
        Map<String, Contract> first = byBackend(workspace.aliveContracts(twin, CLUSTER));
        assertThat(first.keySet()).isEqualTo(backends.keySet());
        backends.values().forEach(b -> assertThat(first.get(b.path("name").asString()).id().value())
                .isEqualTo(b.path("contract").asLong()));
        everyNamespaceServesItsOwner(backends, identity);
        aWrongPasswordIsRefused(backends.get("meta-0"));
        int othersContracts = json(workspace.expect(0, "grid", "status", "-o", "json").stdout()).path("contractCount")
                .asInt() - 10;

        // Applied: nothing more to do.
        workspace.expect(0, "plan", "-f", file, "--detailed-exitcode");

        // nodes.count 6 -> 8 (4 + 2 shards need 6): exactly two backends more, nothing else touched.
        workspace.write("quickstart.yaml", quickstart(8, "10GiB", null));
        JsonNode more = json(workspace.expect(2, "plan", "-f", file, "--detailed-exitcode", "-o", "json").stdout());
        assertThat(actions(more)).containsExactly("create data-06", "create data-07");
        assertThat(more.path("actions").get(0).path("description").asString()).startsWith("+ data-06: create ");
        List<JsonNode> moreApplied = documents(workspace.expect(0, "apply", "-f", file, "--auto-approve", "-o", "json")
                .stdout());
        assertThat(actions(moreApplied.get(0).path("plan"))).as("apply planned the same").containsExactly("create data-06",
                "create data-07");
        assertThat(last(moreApplied).path("message").asString())
                .isEqualTo("Apply complete! 2 created, 0 grown, 0 replaced, 0 deleted.");
        Map<String, Contract> eight = byBackend(workspace.aliveContracts(twin, CLUSTER));
        assertThat(eight).hasSize(12);
        first.forEach((name, contract) -> assertThat(eight.get(name)).as("%s untouched", name).isEqualTo(contract));
        workspace.expect(0, "plan", "-f", file, "--detailed-exitcode");

        // capacity 10GiB -> 20GiB: every data backend grows in place (same contract), nothing else.
        workspace.write("quickstart.yaml", quickstart(8, "20GiB", null));
        JsonNode bigger = json(workspace.expect(2, "plan", "-f", file, "--detailed-exitcode", "-o", "json").stdout());
        assertThat(actions(bigger)).containsExactly("grow data-00", "grow data-01", "grow data-02", "grow data-03",
                "grow data-04", "grow data-05", "grow data-06", "grow data-07");
        workspace.expect(0, "apply", "-f", file, "--auto-approve");
        Map<String, Contract> grown = byBackend(workspace.aliveContracts(twin, CLUSTER));
        assertThat(grown.keySet()).isEqualTo(eight.keySet());
        grown.forEach((name, contract) -> {
            assertThat(contract.id()).as("%s keeps its contract", name).isEqualTo(eight.get(name).id());
            assertThat(contract.size()).as(name).isEqualTo(name.startsWith("data-") ? 5 * GIB : GIB);
        });
        assertThat(workspace.backends(spec).values()).allSatisfy(b -> assertThat(b.path("size").asLong())
                .isEqualTo(b.path("role").asString().equals("data") ? 5 * GIB : GIB));
        workspace.expect(0, "plan", "-f", file, "--detailed-exitcode");

        // nodes.count 8 -> 6: the two highest-index data backends go (the rest grow to keep the capacity).
        workspace.write("quickstart.yaml", quickstart(6, "20GiB", null));
        JsonNode fewer = json(workspace.expect(2, "plan", "-f", file, "--detailed-exitcode", "-o", "json").stdout());
        assertThat(actions(fewer)).filteredOn(a -> a.startsWith("delete")).containsExactly("delete data-07",
                "delete data-06");
        assertThat(actions(fewer)).filteredOn(a -> !a.startsWith("delete")).allMatch(a -> a.startsWith("grow data-0"));
        workspace.expect(0, "apply", "-f", file, "--auto-approve");
        Map<String, Contract> six = byBackend(workspace.aliveContracts(twin, CLUSTER));
        assertThat(six.keySet()).containsExactlyElementsOf(first.keySet());
        six.forEach((name, contract) -> assertThat(contract.id()).isEqualTo(first.get(name).id()));
        for (String gone : List.of("data-06", "data-07")) {
            assertThat(workspace.contract(eight.get(gone).id().value())).as("%s's contract", gone)
                    .hasValueSatisfying(c -> assertThat(alive(c)).isFalse());
        }
        workspace.expect(0, "plan", "-f", file, "--detailed-exitcode");

        // Only BE, NL and DE: every backend elsewhere is replaced, the new one made before the old goes.
        Set<String> countries = Set.of("BE", "NL", "DE");
        Map<String, JsonNode> before = workspace.backends(spec);
        Set<String> mustMove = before.values().stream().filter(b -> !countries.contains(b.path("country").asString()))
                .map(b -> b.path("name").asString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(mustMove).as("the quickstart spreads beyond BE, NL and DE").isNotEmpty();
        workspace.write("quickstart.yaml", quickstart(6, "20GiB", "BE, NL, DE"));
        JsonNode moving = json(workspace.expect(2, "plan", "-f", file, "--detailed-exitcode", "-o", "json").stdout());
        assertThat(moving.path("actions").valueStream().map(a -> a.path("backend").asString()).collect(Collectors.toSet()))
                .isEqualTo(mustMove);
        assertThat(moving.path("actions").valueStream()).allSatisfy(a -> {
            assertThat(a.path("type").asString()).isEqualTo("replace");
            assertThat(a.path("description").asString()).startsWith("+/- " + a.path("backend").asString() + ": replace ")
                    .contains("new one first");
        });
        List<JsonNode> moved = documents(workspace.expect(0, "apply", "-f", file, "--auto-approve", "-o", "json")
                .stdout());
        List<String> events = moved.subList(1, moved.size()).stream()
                .map(e -> e.path("type").asString() + " " + backendOfEvent(e)).toList();
        for (String name : mustMove) {
            assertThat(events).as("events of %s", name).containsSubsequence("action_started " + name,
                    "replacement_ready " + name, "action_done " + name);
        }
        Map<String, JsonNode> after = workspace.backends(spec);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.values()).allSatisfy(b -> assertThat(b.path("country").asString()).isIn(countries));
        Map<String, Contract> movedContracts = byBackend(workspace.aliveContracts(twin, CLUSTER));
        for (String name : after.keySet()) {
            long old = before.get(name).path("contract").asLong();
            if (mustMove.contains(name)) {
                assertThat(movedContracts.get(name).id().value()).as("%s has a new contract", name).isGreaterThan(old);
                assertThat(workspace.contract(old)).as("%s's old contract", name)
                        .hasValueSatisfying(c -> assertThat(alive(c)).isFalse());
            } else {
                assertThat(movedContracts.get(name).id().value()).as("%s stays", name).isEqualTo(old);
            }
        }
        everyNamespaceServesItsOwner(after, identity);
        workspace.expect(0, "plan", "-f", file, "--detailed-exitcode");

        // Destroy: nothing of the cluster is left, on the grid or in qsctl's view of it.
        QsctlRun wrongName = workspace.expect(1, "destroy", "-f", file, "--confirm", "quickstar");
        assertThat(wrongName.stderr()).contains("nothing was destroyed");
        assertThat(workspace.aliveContracts(twin, CLUSTER)).hasSize(10);
        QsctlRun destroyed = workspace.expect(0, "destroy", "-f", file, "--confirm", CLUSTER);
        assertThat(destroyed.stdout()).contains("Destroy complete! 10 backends deleted.");
        assertThat(workspace.aliveContracts(twin, CLUSTER)).isEmpty();
        assertThat(workspace.everyContract(twin, CLUSTER)).isNotEmpty().noneMatch(ClusterWorkspace::alive);
        assertThat(json(workspace.expect(0, "get", "contracts", "-f", file, "-o", "json").stdout()).path("contracts"))
                .isEmpty();
        assertThat(workspace.backends(spec)).isEmpty();
        // a destroyed cluster is no healthy one to a monitor: exit 5, Ready False (Destroyed)
        JsonNode status = json(workspace.expect(5, "status", "-f", file, "-o", "json").stdout());
        assertThat(status.path("destroyed").asBoolean()).isTrue();
        assertThat(status.path("backends").isArray()).isTrue();
        assertThat(status.path("backends")).isEmpty();
        assertThat(status.path("conditions").get(0).path("reason").asString()).isEqualTo("Destroyed");
        assertThat(status.path("hourlyCost").asString()).isEqualTo("0");
        assertThat(json(workspace.expect(0, "grid", "status", "-o", "json").stdout()).path("contractCount").asInt())
                .as("the grid's live contracts: only the other tenant's").isEqualTo(othersContracts);
        for (JsonNode b : after.values()) {
            assertThatThrownBy(() -> writeAndReadBack(b, identity.namespacePassword(CLUSTER, b.path("name").asString())))
                    .as("namespace %s after destroy", b.path("namespace").asString()).isInstanceOf(ZdbException.class);
        }
        QsctlRun again = workspace.expect(0, "destroy", "-f", file, "--confirm", CLUSTER);
        assertThat(again.stdout()).as("destroying a destroyed cluster").contains("was already destroyed");
    }

    @Test
    void aSpecWithMistakesIsRefusedWithFileLineAndColumnBeforeAnythingStarts() {
        Path spec = workspace.write("storage.yaml", quickstart(3, "10GiB", null).replace("capacity:", "capacty:"));
        QsctlRun run = workspace.expect(1, "apply", "-f", spec.toString(), "--auto-approve");
        assertThat(run.stderr()).contains("storage.yaml:8:3: spec.capacty: unknown key 'capacty'; did you mean 'capacity'?")
                .containsPattern("storage\\.yaml:13:12: spec\\.nodes\\.count: nodes\\.count is 3 but redundancy needs 6")
                .doesNotContain("Exception").doesNotContain("Starting the embedded grid");
        assertThat(run.stdout()).isEmpty();
        assertThat(workspace.gridHome()).doesNotExist();
    }

    @Test
    void aRealNetworkIsRefusedSayingOnlyTheLocalGridExistsSoFar() {
        Path spec = workspace.write("storage.yaml", quickstart(6, "10GiB", null).replace("network: local",
                "network: main"));
        for (List<String> command : List.of(List.of("apply", "--auto-approve"), List.of("plan"), List.of("destroy"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("-f", spec.toString()));
            QsctlRun run = workspace.expect(1, args.toArray(String[]::new));
            assertThat(run.stderr()).as(command.get(0)).contains("error: network main: the ThreeFold Grid provider is not built yet,"
                    + " so only network: local (the embedded grid) can be used");
        }
        assertThat(workspace.gridHome()).doesNotExist();
    }

    @Test
    void signingWithThreeFoldConnectIsRefusedRatherThanSignedOnThisMachine() {
        Path spec = workspace.write("storage.yaml", quickstart(6, "10GiB", null) + "  signing: connect\n");
        for (List<String> command : List.of(List.of("apply", "--auto-approve"), List.of("plan"), List.of("destroy"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("-f", spec.toString()));
            QsctlRun run = workspace.expect(1, args.toArray(String[]::new));
            assertThat(run.stderr()).as(command.get(0)).contains("error: signing: connect: signing on your phone with "
                    + "ThreeFold Connect is not built yet (going on would sign with this machine's identity, not your "
                    + "phone); use signing: local, or leave signing out, until it is");
        }
        assertThat(workspace.gridHome()).as("refused before the grid starts").doesNotExist();
    }

    @Test
    void fieldsNothingActsOnYetAreWarnedAboutOnceARunAndTheDefaultsAreNot() {
        Path plain = workspace.write("plain.yaml", quickstart(6, "10GiB", null));
        assertThat(workspace.expect(0, "plan", "-f", plain.toString()).stderr()).doesNotContain("not acted on yet");

        Path spec = workspace.write("storage.yaml", quickstart(6, "10GiB", null)
                + "  mount: {cache: 1GiB}\n  funding: {minRunwayDays: 30}\n  notify: [{webhook: https://example.org/hook}]\n");
        List<String> warnings = List.of(
                "warning: spec.mount is not acted on yet: there is no filesystem to mount yet",
                "warning: spec.funding is not acted on yet: nothing tops up the wallet or watches its runway yet",
                "warning: spec.notify is not acted on yet: no alert is sent yet");
        for (List<String> command : List.of(List.of("plan"), List.of("apply", "--auto-approve"), List.of("get", "backends"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("-f", spec.toString()));
            QsctlRun run = workspace.expect(0, args.toArray(String[]::new));
            for (String warning : warnings) {
                assertThat(run.stderr().lines().filter(line -> line.startsWith(warning))).as("%s: %s", command, warning)
                        .hasSize(1);
            }
        }
    }

    @Test
    void aClusterOwnedByAMnemonicUsesItsTwinKeysAndPasswordsNotTheSandbox() {
        Mnemonic mnemonic = Mnemonic.generate();
        Identity identity = MnemonicIdentity.of(mnemonic);
        workspace.withEnv("QSCTL_MNEMONIC", String.join(" ", mnemonic.words()));
        Path spec = workspace.write("storage.yaml", quickstart(6, "10GiB", null));

        QsctlRun run = workspace.expect(0, "apply", "-f", spec.toString(), "--auto-approve");
        assertThat(run.stderr()).doesNotContain("sandbox");
        TwinId twin = workspace.twin(identity);
        assertThat(workspace.gridHome().resolve("sandbox.key")).as("no sandbox key was made").doesNotExist();
        Map<String, JsonNode> backends = workspace.backends(spec);
        assertThat(backends).hasSize(10);
        assertThat(byBackend(workspace.aliveContracts(twin, CLUSTER)).keySet()).isEqualTo(backends.keySet());
        everyNamespaceServesItsOwner(backends, identity);
        assertThat(workspace.state(identity, CLUSTER)).hasValueSatisfying(state -> {
            assertThat(state.twin()).contains(twin);
            assertThat(state.backends()).hasSize(10);
        });
        workspace.expect(0, "plan", "-f", spec.toString(), "--detailed-exitcode");
        workspace.expect(0, "destroy", "-f", spec.toString(), "--confirm", CLUSTER);
        assertThat(workspace.aliveContracts(twin, CLUSTER)).isEmpty();
    }

    private static void everyNamespaceServesItsOwner(Map<String, JsonNode> backends, Identity identity) {
        for (JsonNode b : backends.values()) {
            writeAndReadBack(b, identity.namespacePassword(CLUSTER, b.path("name").asString()));
        }
    }

    private static void aWrongPasswordIsRefused(JsonNode backend) {
        try (ZdbConnection zdb = ZdbConnection.open(ZdbClientConfig.parse(backend.path("endpoint").asString()))) {
            assertThatThrownBy(() -> zdb.select(backend.path("namespace").asString(), "not-the-password"))
                    .isInstanceOf(ZdbException.class);
        }
    }

    /** A plan document's actions as "type backend". */
    private static List<String> actions(JsonNode plan) {
        List<String> all = new ArrayList<>();
        plan.path("actions").forEach(a -> all.add(a.path("type").asString() + " " + a.path("backend").asString()));
        return all;
    }

    private static JsonNode last(List<JsonNode> documents) {
        return documents.get(documents.size() - 1);
    }

    /** The backend an event is about: its field, or the name its message starts with. */
    private static String backendOfEvent(JsonNode event) {
        if (event.has("backend")) {
            return event.path("backend").asString();
        }
        String message = event.path("message").asString();
        int colon = message.indexOf(':');
        return colon > 0 ? message.substring(0, colon) : "";
    }
}
