package io.qsctl.cli.zdb;

import io.qsctl.zdb.engine.EngineEvent;
import io.qsctl.zdb.engine.EngineListener;
import io.qsctl.zdb.engine.EventBus;

/**
 * Notices that the server's event loop died: it then publishes 0-db's {@code crash} event and
 * serves no more, and a process that goes on running without serving would fool a supervisor.
 *
 * <p>The bus counts every listener as a handler and combines their answers, and three events
 * act on the answer: {@code ready} (false aborts start-up), {@code missing-data} (true means the
 * file was restored) and {@code jump-index} (true resets the dirty list). So this listener answers
 * what leaves each verdict exactly as the external hook alone would make it: true for
 * {@code ready}, false for {@code missing-data}, and otherwise true only when there is a hook to
 * decide (without one, nothing handled the event and the answer was false).
 */
public final class ServerFailureWatch implements EngineListener {

    private final EventBus events;
    private final Runnable onFailure;

    public ServerFailureWatch(EventBus events, Runnable onFailure) {
        this.events = events;
        this.onFailure = onFailure;
    }

    @Override
    public boolean on(EngineEvent event) {
        if (event instanceof EngineEvent.Crash) {
            onFailure.run();
        }
        if (event instanceof EngineEvent.Ready) {
            return true;
        }
        if (event instanceof EngineEvent.MissingData) {
            return false;
        }
        return events.hook().isPresent();
    }
}
