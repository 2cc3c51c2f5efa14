package io.qsctl.zstor.meta;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/**
 * Too few metadata backends answered, or acknowledged, for an operation to be safe. The message
 * names the backends that failed and why (by name and endpoint, never by password) and how many
 * were needed.
 */
public final class MetadataUnavailableException extends QsctlException {

    public MetadataUnavailableException(String message) {
        super(ExitCode.ERROR, message);
    }
}
