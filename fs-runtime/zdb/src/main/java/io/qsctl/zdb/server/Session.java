package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.Namespace;

/** What the server knows about one client: where it is, what it may do. */
final class Session {

    Namespace namespace;
    boolean admin;
    boolean writable;
    /** The pending AUTH SECURE challenge (16 hex characters), or null. */
    String challenge;
    boolean master;
    boolean mirror;
    final long id;

    Session(long id) {
        this.id = id;
    }
}
