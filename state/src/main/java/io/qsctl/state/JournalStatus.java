package io.qsctl.state;

import java.util.Locale;

/** Where one journalled action stands. */
public enum JournalStatus {
    /** Written before the action is sent: it may or may not have happened. */
    PENDING,
    /** The action happened and its result is in the state. */
    DONE,
    /** The action was refused or failed for certain; nothing of it exists. */
    FAILED;

    /** The spelling in the journal file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JournalStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
