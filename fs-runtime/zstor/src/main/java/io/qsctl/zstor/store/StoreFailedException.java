package io.qsctl.zstor.store;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/** A segment could not be stored; nothing of it is left behind that metadata points to. */
public class StoreFailedException extends QsctlException {

    public StoreFailedException(String message) {
        super(ExitCode.ERROR, message);
    }

    public StoreFailedException(String message, Throwable cause) {
        super(ExitCode.ERROR, message, cause);
    }
}
