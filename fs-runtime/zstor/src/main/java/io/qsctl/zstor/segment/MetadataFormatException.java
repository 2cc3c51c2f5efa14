package io.qsctl.zstor.segment;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/** A metadata record that this version cannot read: damaged, cut short, or written by a newer qsctl. */
public final class MetadataFormatException extends QsctlException {

    public MetadataFormatException(String message) {
        super(ExitCode.ERROR, message);
    }

    public MetadataFormatException(String message, Throwable cause) {
        super(ExitCode.ERROR, message, cause);
    }
}
