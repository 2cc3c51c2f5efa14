package io.qsctl.zdb.format;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/** A file is not in 0-db's format, or is damaged. */
public final class FormatException extends QsctlException {
    public FormatException(String message) {
        super(ExitCode.ERROR, message);
    }
}
