package io.qsctl.cli.zdb;

import io.qsctl.cli.context.Signals;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for SIGINT or SIGTERM (or for {@link #stop(String) another reason to stop}) so the server
 * can stop cleanly and the process can end with an exit code of our choosing. A second signal while
 * stopping ends the process at once (acknowledged writes are safe anyway: they reached the kernel
 * before their reply).
 *
 * <p>Where the JVM has no signal API ({@link Signals}) we fall back to a shutdown hook, which stops
 * as cleanly but leaves the exit code to the JVM (128 + signal).
 */
public final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private final CountDownLatch received = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String signal;

    private StopSignals() {
    }

    /**
     * Starts listening for INT and TERM; with {@code ignoreHangup}, HUP is ignored too (a server
     * started by {@code --background} must outlive the terminal it was started from).
     */
    public static StopSignals install(boolean ignoreHangup) {
        StopSignals signals = new StopSignals();
        boolean handled = signals.handle("INT") & signals.handle("TERM");
        if (ignoreHangup) {
            Signals.ignore("HUP");
        }
        if (!handled) {
            Runtime.getRuntime().addShutdownHook(new Thread(signals::stopFromShutdownHook, "zdb-stop"));
        }
        return signals;
    }

    /** Blocks until a stop signal arrives; returns its name ({@code INT}, {@code TERM}) or the other reason. */
    public String await() throws InterruptedException {
        received.await();
        return signal;
    }

    /** Ends {@link #await()} without a signal, e.g. because the server failed; the first reason wins. */
    public synchronized void stop(String reason) {
        if (received.getCount() > 0) {
            signal = reason;
            received.countDown();
        }
    }

    /** Says the clean stop is done (a shutdown hook waiting for it may let the JVM end). */
    public void stopped() {
        stopped.countDown();
    }

    private synchronized void onSignal(String name) {
        if (received.getCount() == 0) {
            LOG.warn("SIG{} while stopping: stopping at once", name);
            Runtime.getRuntime().halt(Signals.Stop.valueOf(name).exitCode().code());
        }
        stop(name);
    }

    private void stopFromShutdownHook() {
        onSignal("TERM");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean handle(String name) {
        return Signals.handle(name, () -> onSignal(name)).isPresent();
    }
}
