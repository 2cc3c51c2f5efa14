package io.qsctl.reconciler;

import io.qsctl.state.JournalEntry;
import io.qsctl.state.StateSnapshot;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real store with the process dying at a chosen write: the {@code n}th state write or journal
 * append (counted together, from 1), either before it reaches the disk or right after.
 */
final class CrashingStore implements Store {

    private final Store real;
    private int writes;
    private int crashAt = -1;
    private boolean after;

    CrashingStore(Store real) {
        this.real = real;
    }

    void crashAt(int nth, boolean afterWriting) {
        crashAt = nth;
        after = afterWriting;
    }

    /** How many writes (state and journal) happened so far. */
    int writes() {
        return writes;
    }

    @Override
    public Optional<StateSnapshot> read() {
        return real.read();
    }

    @Override
    public StateSnapshot write(StateSnapshot previous, ObjectNode body) {
        enter("state write");
        StateSnapshot s = real.write(previous, body);
        leave("state write");
        return s;
    }

    @Override
    public void append(JournalEntry entry) {
        enter("journal " + entry.status().id());
        real.append(entry);
        leave("journal " + entry.status().id());
    }

    @Override
    public List<JournalEntry> unresolved() {
        return real.unresolved();
    }

    @Override
    public void archive() {
        real.archive();
    }

    @Override
    public void discardJournals() {
        real.discardJournals();
    }

    private void enter(String what) {
        writes++;
        if (writes == crashAt && !after) {
            throw new SimulatedCrash("before " + what + " #" + writes);
        }
    }

    private void leave(String what) {
        if (writes == crashAt && after) {
            throw new SimulatedCrash("after " + what + " #" + writes);
        }
    }
}
