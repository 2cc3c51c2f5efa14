package io.qsctl.zdb.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers engine events to in-process listeners and to the external hook, if one is configured. */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<ExternalHook> hook = Optional.empty();

    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    public void setHook(Optional<ExternalHook> externalHook) {
        hook = externalHook;
    }

    /** Whether anything listens: without handlers a blocking event has no one to fail it. */
    public boolean hasHandlers() {
        return !listeners.isEmpty() || hook.isPresent();
    }

    public Optional<ExternalHook> hook() {
        return hook;
    }

    /**
     * Delivers an event. The result is meaningful for blocking events: whether every handler
     * that ran succeeded, and at least one ran. A listener that throws counts as a failure and is
     * logged; it never breaks the engine.
     */
    public boolean publish(EngineEvent event) {
        boolean handled = false;
        boolean ok = true;
        for (EngineListener listener : listeners) {
            try {
                boolean result = listener.on(event);
                handled = true;
                ok &= result;
            } catch (RuntimeException e) {
                LOG.warn("listener failed on {}: {}", event.hookName(), e.toString());
                handled = true;
                ok = false;
            }
        }
        Optional<ExternalHook> external = hook;
        if (external.isPresent()) {
            handled = true;
            ok &= external.get().run(event);
        }
        return handled && ok;
    }

    /**
     * Asks whether a missing data file was restored: true as soon as one handler says so (an
     * in-process restorer first, then the external hook).
     */
    public boolean restore(EngineEvent.MissingData event) {
        for (EngineListener listener : listeners) {
            try {
                if (listener.on(event)) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.warn("listener failed to restore {}: {}", event.missingFile(), e.toString());
            }
        }
        Optional<ExternalHook> external = hook;
        return external.isPresent() && external.get().run(event);
    }
}
