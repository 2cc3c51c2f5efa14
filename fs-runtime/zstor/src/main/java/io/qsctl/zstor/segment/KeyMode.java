package io.qsctl.zstor.segment;

/** How shard chunks are keyed in their 0-db namespace. */
public enum KeyMode {
    /**
     * The namespace runs in seq mode: a SET with an empty key appends and returns the new id
     * (8 bytes). What the grid deploys for data backends: no keys kept in the server's RAM.
     */
    SEQ,
    /**
     * The namespace runs in user mode: the store chooses the key ({@code segment/stripe/shard/generation}).
     */
    USER
}
