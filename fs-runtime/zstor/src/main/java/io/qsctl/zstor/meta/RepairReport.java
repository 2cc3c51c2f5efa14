package io.qsctl.zstor.meta;

import java.util.List;

/**
 * What {@link ReplicatedMetadataStore#repair(String)} did to one record.
 *
 * @param id          the record
 * @param generation  the version made whole (0 if there was none to repair)
 * @param rewritten   backends that were missing their shard of that version and got it
 * @param cleaned     backends on which a damaged slot was removed
 * @param unreachable backends that did not answer (still to be repaired)
 * @param failed      backends that answered but refused the write, with the reason
 */
public record RepairReport(String id, long generation, List<String> rewritten, List<String> cleaned,
                           List<String> unreachable, List<String> failed) {

    public RepairReport {
        rewritten = List.copyOf(rewritten);
        cleaned = List.copyOf(cleaned);
        unreachable = List.copyOf(unreachable);
        failed = List.copyOf(failed);
    }

    /** Every backend now holds its shard of the version and nothing damaged. */
    public boolean complete() {
        return unreachable.isEmpty() && failed.isEmpty();
    }

    public boolean changedAnything() {
        return !rewritten.isEmpty() || !cleaned.isEmpty();
    }
}
