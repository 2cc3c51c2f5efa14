package io.qsctl.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A journal as read: its complete entries in order, and the torn last line a crash left, if any
 * (ignored: an entry counts only once its line is complete).
 */
public record JournalContents(List<JournalEntry> entries, Optional<TornLine> torn) {

    public JournalContents {
        entries = List.copyOf(entries);
        torn = torn == null ? Optional.empty() : torn;
    }

    /** The last entry of every key whose last status is {@link JournalStatus#PENDING}, in journal order. */
    public List<JournalEntry> unresolved() {
        Map<String, JournalEntry> last = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            last.remove(entry.key());
            last.put(entry.key(), entry);
        }
        return last.values().stream().filter(e -> e.status() == JournalStatus.PENDING).toList();
    }

    /** The incomplete bytes at the end of the journal: where they start and how many there are. */
    public record TornLine(long offset, int length) {
        public String describe() {
            return "the journal's last line (" + length + " bytes at offset " + offset
                    + ") was cut off by a crash and is ignored";
        }
    }
}
