package io.qsctl.zdb.engine;

/**
 * Receives engine events in the same process, on the thread that caused them (for the server,
 * its event loop: a listener that blocks stalls every client, as 0-db's blocking hooks do).
 */
@FunctionalInterface
public interface EngineListener {

    /**
     * Handles an event. The answer matters for blocking events only: for {@code missing-data},
     * {@code true} means the file is back on disk; for {@code ready}, {@code false} aborts
     * start-up; for {@code jump-index}, {@code true} resets the dirty-index list.
     */
    boolean on(EngineEvent event);
}
