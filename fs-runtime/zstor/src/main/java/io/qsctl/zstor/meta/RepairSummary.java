package io.qsctl.zstor.meta;

import java.util.List;

/**
 * What {@link ReplicatedMetadataStore#repairAll()} did.
 *
 * @param checked             records looked at
 * @param repaired            the records that needed work, with what was done
 * @param undecided           records whose newest version could not be decided (too few backends answered)
 * @param unreachableBackends backends that could not be scanned, with the reason
 */
public record RepairSummary(int checked, List<RepairReport> repaired, List<String> undecided,
                            List<String> unreachableBackends) {

    public RepairSummary {
        repaired = List.copyOf(repaired);
        undecided = List.copyOf(undecided);
        unreachableBackends = List.copyOf(unreachableBackends);
    }

    /** Every record is whole on every backend. */
    public boolean complete() {
        return undecided.isEmpty() && unreachableBackends.isEmpty() && repaired.stream().allMatch(RepairReport::complete);
    }
}
