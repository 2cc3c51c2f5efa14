package io.qsctl.zstor.meta;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/**
 * The metadata was written under another metadata key than the one given: the key was derived
 * from another mnemonic, or the backends belong to another cluster. Nothing was decrypted.
 */
public final class WrongMetadataKeyException extends QsctlException {

    public WrongMetadataKeyException(String message) {
        super(ExitCode.ERROR, message);
    }
}
