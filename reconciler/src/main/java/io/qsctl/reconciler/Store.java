package io.qsctl.reconciler;

import io.qsctl.state.Journal;
import io.qsctl.state.JournalEntry;
import io.qsctl.state.StateSnapshot;
import io.qsctl.state.StateStore;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the applier keeps its progress: one cluster's state and journal. The real one is the state
 * module's {@code StateStore} and {@code Journal} ({@link #of}); tests wrap it to stop the process
 * at any point between two writes.
 */
interface Store {

    static Store of(StateStore state, Journal journal) {
        return new StateModuleStore(state, journal);
    }

    Optional<StateSnapshot> read();

    /** Writes the version after {@code previous}; {@code previous == null} creates the state. */
    StateSnapshot write(StateSnapshot previous, ObjectNode body);

    /** Appends an entry, durably, before returning. */
    void append(JournalEntry entry);

    /** Every action whose last entry is pending. */
    List<JournalEntry> unresolved();

    /** Sets the journal aside once every entry in it is resolved. */
    void archive();

    /** After a completed destroy: removes the journal and the archived ones (the state records the end). */
    void discardJournals();
}
