package io.qsctl.reconciler;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Contract;
import io.qsctl.provider.ContractId;
import io.qsctl.provider.ContractState;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.Grid;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbEndpoint;
import io.qsctl.provider.ZdbMode;
import io.qsctl.reconciler.api.ApplyEvent;
import io.qsctl.reconciler.api.ApplyListener;
import io.qsctl.reconciler.api.BackendRecord;
import io.qsctl.reconciler.api.BackendStatus;
import io.qsctl.reconciler.api.Json;
import io.qsctl.reconciler.api.NodeChoice;
import io.qsctl.reconciler.api.Resolution;
import io.qsctl.state.JournalEntry;
import io.qsctl.state.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Settles what an interrupted apply left open, by looking at the grid, never by guessing: every
 * journal entry still pending is either found on the grid (a contract with that deployment hash on
 * that node exists; a grow's new hash is the contract's; a cancelled contract is gone), and then
 * recorded in the state, or not found, and then marked failed so that the next plan does it again.
 * So a reservation is never made, or paid, twice. Backends that were still deploying are looked at
 * once more and become active if their namespace now answers.
 *
 * <p>Changes only the state and the journal: nothing is reserved, grown or cancelled here.
 */
final class Resumer {

    private static final Json JSON = new Json("the journal");

    private final Grid grid;
    private final Store store;
    private final ApplyListener listener;

    Resumer(Grid grid, Store store, ApplyListener listener) {
        this.grid = grid;
        this.store = store;
        this.listener = listener;
    }

    Resolution resume() {
        List<JournalEntry> pending = store.unresolved();
        Optional<StateSnapshot> snapshot = store.read();
        if (snapshot.isEmpty()) {
            // Entries are only written once a state exists; without one there is nothing to settle into.
            return new Resolution(List.of(), 0);
        }
        Ledger ledger = new Ledger(store, snapshot.get(), grid::now);
        List<Resolution.Entry> out = new ArrayList<>();
        Optional<TwinId> twin = ledger.state().twin();
        List<Contract> live = twin.isPresent() && !pending.isEmpty() ? grid.contracts(twin.get()) : List.of();
        for (JournalEntry entry : pending) {
            ObjectNode d = entry.details();
            String kind = d.path("kind").asString("");
            Resolution.Outcome outcome = switch (kind) {
                case "reserve" -> reserve(ledger, entry, d, live);
                case "grow" -> grow(ledger, entry, d);
                case "cancel" -> cancel(ledger, entry, d);
                default -> {
                    ledger.failed(entry, "unknown kind of action '" + kind + "'");
                    yield Resolution.Outcome.NOT_DONE;
                }
            };
            String backend = d.path("backend").asString("?");
            out.add(new Resolution.Entry(entry.key(), backend, kind, outcome));
            listener.on(new ApplyEvent.Resolved(backend, entry.key(), words(kind, outcome)));
        }
        int settled = settleDeploying(grid, ledger, listener);
        if (!pending.isEmpty()) {
            store.archive();
        }
        return new Resolution(out, settled);
    }

    private Resolution.Outcome reserve(Ledger ledger, JournalEntry entry, ObjectNode d, List<Contract> live) {
        NodeId node = new NodeId(JSON.number(d, "node"));
        String hash = JSON.text(d, "hash");
        Optional<Contract> made = live.stream()
                .filter(c -> c.node().equals(node) && c.deploymentHash().equals(hash)).findFirst();
        if (made.isEmpty()) {
            ledger.failed(entry, "not found on the grid: it was never reserved");
            return Resolution.Outcome.NOT_DONE;
        }
        Contract c = made.get();
        d.put("contract", c.id().value());
        if (ledger.state().byContract(c.id()).isPresent()) {
            ledger.done(entry, d);
            return Resolution.Outcome.ALREADY_RECORDED;
        }
        String name = JSON.text(d, "backend");
        BackendSpec spec = JSON.convert("journal entry", () -> new BackendSpec(ledger.state().cluster(), name,
                BackendRole.fromId(JSON.text(d, "role")), node, JSON.number(d, "size"),
                ZdbMode.fromId(JSON.text(d, "mode"))));
        NodeChoice target = new NodeChoice(node, new FarmId(JSON.number(d, "farm")), JSON.text(d, "country"));
        Optional<ZdbEndpoint> endpoint = grid.endpoint(c.id());
        ledger.save(Adoption.adopt(ledger.state(), spec, target, c, JSON.integer(d, "generation"), endpoint, ledger.now()));
        ledger.done(entry, d);
        return Resolution.Outcome.ADOPTED;
    }

    private Resolution.Outcome grow(Ledger ledger, JournalEntry entry, ObjectNode d) {
        ContractId id = new ContractId(JSON.number(d, "contract"));
        String hash = JSON.text(d, "hash");
        Optional<Contract> c = grid.contract(id);
        if (c.isEmpty() || !c.get().deploymentHash().equals(hash)) {
            ledger.failed(entry, "the contract does not have the new size: it was never grown");
            return Resolution.Outcome.NOT_DONE;
        }
        Optional<BackendRecord> record = ledger.state().byContract(id);
        if (record.isPresent() && !record.get().deploymentHash().equals(hash)) {
            ledger.save(ledger.state().with(record.get().grown(c.get().size(), hash, ledger.now())));
            ledger.done(entry, d);
            return Resolution.Outcome.ADOPTED;
        }
        ledger.done(entry, d);
        return Resolution.Outcome.ALREADY_RECORDED;
    }

    private Resolution.Outcome cancel(Ledger ledger, JournalEntry entry, ObjectNode d) {
        ContractId id = new ContractId(JSON.number(d, "contract"));
        Optional<Contract> c = grid.contract(id);
        if (c.isPresent() && c.get().state() != ContractState.DELETED) {
            ledger.failed(entry, "the contract is still live: it was never cancelled");
            return Resolution.Outcome.NOT_DONE;
        }
        if (ledger.state().byContract(id).isPresent()) {
            ledger.save(ledger.state().without(id));
            ledger.done(entry, d);
            return Resolution.Outcome.ADOPTED;
        }
        ledger.done(entry, d);
        return Resolution.Outcome.ALREADY_RECORDED;
    }

    /**
     * Backends recorded as deploying whose namespace answers now become active (retiring the
     * predecessors that waited for them), each saved at once. Also run at the start of every apply.
     */
    static int settleDeploying(Grid grid, Ledger ledger, ApplyListener listener) {
        int settled = 0;
        for (BackendRecord b : ledger.state().backends()) {
            if (b.status() != BackendStatus.DEPLOYING) {
                continue;
            }
            Optional<ZdbEndpoint> endpoint = grid.endpoint(b.contract());
            if (endpoint.isPresent()) {
                ledger.save(Adoption.deployed(ledger.state(), b, endpoint.get(), ledger.now()));
                listener.on(new ApplyEvent.Note(b.name() + ": namespace deployed at " + endpoint.get().hostAndPort()
                        + " [contract=" + b.contract() + "]"));
                settled++;
            }
        }
        return settled;
    }

    private static String words(String kind, Resolution.Outcome outcome) {
        String what = switch (kind) {
            case "reserve" -> "reservation";
            case "grow" -> "growth";
            case "cancel" -> "cancellation";
            default -> kind;
        };
        return switch (outcome) {
            case ADOPTED -> "interrupted " + what + " had happened; recorded in the state";
            case ALREADY_RECORDED -> "interrupted " + what + " had happened and was recorded";
            case NOT_DONE -> "interrupted " + what + " had not happened; the next plan does it";
        };
    }

}
