package io.qsctl.cli.cluster;

import io.qsctl.cli.context.Signals;
import io.qsctl.reconciler.Reconciler;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C during an apply, as command-line guidelines ask: the first one asks the reconciler to
 * finish the action under way, save the state and stop (exit 130, resumable); a second one ends
 * the process at once (the journal then lets {@code apply --resume} settle what was in flight).
 *
 * <p>Where the JVM has no signal API ({@link Signals}), Ctrl-C ends the process immediately,
 * which the journal also covers.
 */
public final class Interrupts {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Interrupts.class);

    private Interrupts() {
    }

    public static void stopOnInterrupt(Reconciler reconciler, PrintWriter err) {
        AtomicInteger count = new AtomicInteger();
        boolean handled = Signals.handle("INT", () -> {
            if (count.incrementAndGet() == 1) {
                err.println("Interrupted: finishing the action under way and saving the state "
                        + "(Ctrl-C again to stop at once).");
                err.flush();
                reconciler.requestStop();
            } else {
                Runtime.getRuntime().halt(Signals.Stop.INT.exitCode().code());
            }
        }).isPresent();
        if (!handled) {
            // no signal API here: Ctrl-C ends the process and apply --resume settles the journal
            LOG.debug("Ctrl-C will end the process at once");
        }
    }
}
