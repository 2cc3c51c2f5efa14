package io.qsctl.reconciler.api;

/**
 * Receives {@link ApplyEvent}s as an apply, resume or destroy runs, on the thread that runs it.
 * The CLI prints {@link ApplyEvent#message()} on stderr (or the event as NDJSON). An exception
 * thrown here stops the apply like any failure.
 */
@FunctionalInterface
public interface ApplyListener {

    ApplyListener NONE = event -> {
    };

    void on(ApplyEvent event);
}
