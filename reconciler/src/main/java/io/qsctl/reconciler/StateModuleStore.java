package io.qsctl.reconciler;

import io.qsctl.state.Journal;
import io.qsctl.state.JournalEntry;
import io.qsctl.state.StateSnapshot;
import io.qsctl.state.StateStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** The {@link Store} of the state module: an encrypted {@link StateStore} and its {@link Journal}. */
record StateModuleStore(StateStore state, Journal journal) implements Store {

    StateModuleStore {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(journal, "journal");
    }

    @Override
    public Optional<StateSnapshot> read() {
        return state.read();
    }

    @Override
    public StateSnapshot write(StateSnapshot previous, ObjectNode body) {
        return state.write(previous, body);
    }

    @Override
    public void append(JournalEntry entry) {
        journal.append(entry);
    }

    @Override
    public List<JournalEntry> unresolved() {
        return journal.unresolved();
    }

    @Override
    public void archive() {
        journal.archive();
    }

    @Override
    public void discardJournals() {
        journal.discardAll();
    }
}
