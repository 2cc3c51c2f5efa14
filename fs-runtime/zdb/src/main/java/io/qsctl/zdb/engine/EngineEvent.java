package io.qsctl.zdb.engine;

import java.util.List;

/**
 * The events 0-db reports through its hook system, as values. Listeners in the same process
 * receive them directly; {@link ExternalHook} turns them into the command line 0-db gives its
 * {@code --hook} executable.
 */
public sealed interface EngineEvent {

    /** 0-db's hook name for the event ({@code ready}, {@code jump-index}, ...). */
    String hookName();

    /** The hook-specific arguments that follow the hook name and the instance id. */
    List<String> arguments();

    /**
     * Whether 0-db waits for the hook before going on. For {@code ready}, a failing hook aborts
     * start-up; for {@code missing-data}, success means the file was restored.
     */
    boolean blocking();

    record Ready() implements EngineEvent {
        public String hookName() { return "ready"; }
        public List<String> arguments() { return List.of(); }
        public boolean blocking() { return true; }
    }

    record Close() implements EngineEvent {
        public String hookName() { return "close"; }
        public List<String> arguments() { return List.of(); }
        public boolean blocking() { return true; }
    }

    record Crash() implements EngineEvent {
        public String hookName() { return "crash"; }
        public List<String> arguments() { return List.of(); }
        public boolean blocking() { return false; }
    }

    record NamespacesInit(String indexPath, String dataPath) implements EngineEvent {
        public String hookName() { return "namespaces-init"; }
        public List<String> arguments() { return List.of(indexPath, dataPath); }
        public boolean blocking() { return true; }
    }

    record NamespaceCreated(String namespace) implements EngineEvent {
        public String hookName() { return "namespace-created"; }
        public List<String> arguments() { return List.of(namespace); }
        public boolean blocking() { return false; }
    }

    record NamespaceUpdated(String namespace) implements EngineEvent {
        public String hookName() { return "namespace-updated"; }
        public List<String> arguments() { return List.of(namespace); }
        public boolean blocking() { return false; }
    }

    record NamespaceDeleted(String namespace) implements EngineEvent {
        public String hookName() { return "namespace-deleted"; }
        public List<String> arguments() { return List.of(namespace); }
        public boolean blocking() { return false; }
    }

    record NamespaceReloaded(String namespace) implements EngineEvent {
        public String hookName() { return "namespace-reloaded"; }
        public List<String> arguments() { return List.of(namespace); }
        public boolean blocking() { return false; }
    }

    /** A namespace is unloaded; {@code dirtyIndexes} are the ids of index files changed since the last reset. */
    record NamespaceClosing(String namespace, String indexFile, String dataFile, String dirtyIndexes)
            implements EngineEvent {
        public String hookName() { return "namespace-closing"; }
        public List<String> arguments() { return List.of(namespace, indexFile, dataFile, dirtyIndexes); }
        public boolean blocking() { return false; }
    }

    /** The index rotated; a zero exit of the external hook resets the dirty list, as in 0-db. */
    record JumpIndex(String namespace, String previousFile, String nextFile, String dirtyIndexes)
            implements EngineEvent {
        public String hookName() { return "jump-index"; }
        public List<String> arguments() { return List.of(previousFile, nextFile, dirtyIndexes); }
        public boolean blocking() { return true; }
    }

    /** A data file was sealed: it will never change again and may be offloaded. */
    record JumpData(String namespace, String previousFile, String nextFile) implements EngineEvent {
        public String hookName() { return "jump-data"; }
        public List<String> arguments() { return List.of(previousFile, nextFile); }
        public boolean blocking() { return false; }
    }

    /** A read needs a data file that is not on disk; success means the handler restored it. */
    record MissingData(String namespace, String missingFile) implements EngineEvent {
        public String hookName() { return "missing-data"; }
        public List<String> arguments() { return List.of(missingFile); }
        public boolean blocking() { return true; }
    }
}
