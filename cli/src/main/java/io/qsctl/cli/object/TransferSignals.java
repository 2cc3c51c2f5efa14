package io.qsctl.cli.object;

import io.qsctl.cli.context.Signals;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * SIGINT and SIGTERM during {@code object put} and {@code object get}: what is partial is
 * removed, one line on stderr says where things stand and what to run, and the process ends with
 * 130 (SIGINT) or 143 (SIGTERM). What "removed" takes depends on the moment, so the command says
 * at each step how to react ({@link #now}):
 * <ul>
 *   <li>{@link EndNow}: clean up from the handler and end the process at once (shutdown hooks run,
 *       so locks are released). For a get, whose only local leftover is its partial file, and for
 *       a put that has not sent anything yet: nothing is left to wait for, and a get blocked on a
 *       pipe nobody reads or on a backend that does not answer stops all the same.</li>
 *   <li>{@link Unwind}: let the transfer's own thread stop (its stream throws
 *       {@link TransferStopped}) and clean up as it does for any failure: a put deletes the chunks
 *       it sent. The command then reports. A second signal ends the process at once.</li>
 * </ul>
 * A further signal while the process ends halts it.
 */
public final class TransferSignals implements AutoCloseable {

    /** How to react to the first signal. */
    public sealed interface OnStop {
    }

    /** Removes what is partial ({@code cleanUp}, on the handler's thread), prints the line it returns, exits. */
    public record EndNow(Function<Signals.Stop, String> cleanUp) implements OnStop {
    }

    /**
     * {@code wake} makes the transfer's stream throw {@link TransferStopped}; should a second signal
     * come before the command ends, {@code atOnce} gives the line to print before the process ends.
     */
    public record Unwind(Runnable wake, Function<Signals.Stop, String> atOnce) implements OnStop {
    }

    private final PrintWriter err;
    private final String errorLabel;
    private final List<Signals.Installed> installed = new ArrayList<>();
    private OnStop reaction;
    private Signals.Stop received;
    private int count;
    private boolean ending;

    private TransferSignals(PrintWriter err, String errorLabel, OnStop reaction) {
        this.err = err;
        this.errorLabel = errorLabel;
        this.reaction = reaction;
    }

    /**
     * Handles SIGINT and SIGTERM until closed. {@code errorLabel} starts the line printed
     * ({@code error:}, coloured as the command's errors are).
     */
    public static TransferSignals install(PrintWriter err, String errorLabel, OnStop first) {
        TransferSignals signals = new TransferSignals(err, errorLabel, first);
        for (Signals.Stop stop : Signals.Stop.values()) {
            Signals.handle(stop.name(), () -> signals.on(stop)).ifPresent(signals.installed::add);
        }
        return signals;
    }

    /**
     * From now on, a first signal gets {@code next}. If a signal already ended the process, the
     * calling thread waits here for the end: nothing more may be sent, written or printed.
     */
    public void now(OnStop next) {
        synchronized (this) {
            if (!ending) {
                reaction = next;
                return;
            }
        }
        awaitTheEnd();
    }

    /**
     * Called before the command reports anything (success or failure): waits for the end if a
     * signal is ending the process, so that its line is the only one.
     */
    public void beforeReporting() {
        synchronized (this) {
            if (!ending) {
                return;
            }
        }
        awaitTheEnd();
    }

    /** The signal that asked the transfer to stop, if one came. */
    public synchronized Optional<Signals.Stop> received() {
        return Optional.ofNullable(received);
    }

    private void on(Signals.Stop signal) {
        OnStop react;
        int number;
        synchronized (this) {
            number = ++count;
            if (number == 1) {
                received = signal;
            }
            react = reaction;
            ending |= number > 1 || react instanceof EndNow;
        }
        if (react instanceof EndNow end && number == 1) {
            end(signal, end.cleanUp().apply(signal));
        } else if (react instanceof Unwind unwind && number == 1) {
            unwind.wake().run();
        } else if (react instanceof Unwind unwind && number == 2) {
            end(signal, unwind.atOnce().apply(signal));
        } else {
            // the process is ending already and something holds it up: now, without the hooks
            Runtime.getRuntime().halt(signal.exitCode().code());
        }
    }

    private void end(Signals.Stop signal, String line) {
        err.println(errorLabel + " " + line);
        err.flush();
        System.exit(signal.exitCode().code());
    }

    private static void awaitTheEnd() {
        while (true) {
            LockSupport.park();
        }
    }

    /** Puts back the handlers that were there before (the JVM's: SIGINT and SIGTERM end the process). */
    @Override
    public void close() {
        installed.forEach(Signals.Installed::close);
    }
}
