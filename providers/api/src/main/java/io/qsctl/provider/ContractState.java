package io.qsctl.provider;

import java.util.Locale;

/**
 * A node contract's state on the chain. In {@link #GRACE} the wallet ran dry: the node locks the
 * namespace (read-only) until the debt is paid, and deletes it 14 days later.
 */
public enum ContractState {
    CREATED, GRACE, DELETED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContractState fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
