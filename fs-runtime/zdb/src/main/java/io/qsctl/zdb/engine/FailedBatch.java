package io.qsctl.zdb.engine;

/**
 * A batch of writes to a namespace (everything written to it since its previous flush) that could
 * not be handed to the kernel, typically because the disk is full.
 *
 * <p>When {@code undone}, the batch is gone without a trace: its appends were cut off the files,
 * the namespace's memory is as it was before the batch, and a restart finds the same. When not, the
 * batch's entries were appended but an in-place index update or a forced sync failed after them:
 * its writes may or may not have taken effect (the update is retried at the next flush). Either
 * way, none of them may be acknowledged.
 *
 * @param namespace the namespace written to
 * @param batch     which of its batches ({@link Namespace#unflushedBatch()} while it was being written)
 * @param index     whether the index file failed, rather than the data file
 * @param undone    whether the batch was taken back completely
 */
public record FailedBatch(Namespace namespace, long batch, boolean index, boolean undone) {

    /** 0-db's reply to a write of this batch: SET's wording, or DEL's when {@code delete}. */
    public ZdbError error(boolean delete) {
        if (delete) {
            return ZdbError.cannotDelete(index);
        }
        return ZdbError.cannotWrite(index);
    }
}
