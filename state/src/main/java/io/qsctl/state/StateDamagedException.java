package io.qsctl.state;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.util.Optional;

/**
 * The state file cannot be read. When its backup (the version before) is intact the exception
 * carries it, so the caller can offer it to the user; nothing restores it silently.
 */
public final class StateDamagedException extends QsctlException {

    private final transient StateSnapshot backup;

    StateDamagedException(String message, StateSnapshot backup) {
        super(ExitCode.ERROR, message);
        this.backup = backup;
    }

    /** The intact previous version, if there is one ({@link StateStore#restoreBackup()} puts it back). */
    public Optional<StateSnapshot> backup() {
        return Optional.ofNullable(backup);
    }
}
