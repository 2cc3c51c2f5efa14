package io.qsctl.zdb.engine;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.io.UncheckedIOException;

/** Thrown by a namespace's flush when its batch could not be written; says which batch and how it ended. */
final class BatchFailure extends QsctlException {

    private final transient FailedBatch failed;

    BatchFailure(FailedBatch failed, UncheckedIOException cause) {
        super(ExitCode.ERROR, "namespace " + failed.namespace().name() + ": a batch of writes failed ("
                + (failed.undone() ? "taken back" : "it may have taken effect") + "): " + cause.getMessage(), cause);
        this.failed = failed;
    }

    FailedBatch failed() {
        return failed;
    }
}
