package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.Namespace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Clients blocked in WAIT, until a command they watch runs on their namespace or time runs out. */
final class Waits {

    private record Waiter(Connection connection, int command, long deadline) {
    }

    private final List<Waiter> waiters = new ArrayList<>();

    void await(Connection connection, int command, long deadline) {
        connection.waiting = true;
        waiters.add(new Waiter(connection, command, deadline));
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    /** A command ran: wakes the waiters of other clients on the same namespace that watch it (or '*'). */
    void ran(Connection by, Namespace namespace, int command, String commandName, List<Connection> woken) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.connection() == by || w.connection().session.namespace != namespace) {
                continue;
            }
            if (w.command() == command || w.command() == 0) {
                it.remove();
                w.connection().waiting = false;
                w.connection().writer.simpleString(commandName);
                woken.add(w.connection());
            }
        }
    }

    /** Answers the waits past their deadline with -Timeout. */
    void expire(long now, List<Connection> woken) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.deadline() <= now) {
                it.remove();
                w.connection().waiting = false;
                w.connection().writer.error("Timeout");
                woken.add(w.connection());
            }
        }
    }

    long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Waiter w : waiters) {
            next = Math.min(next, w.deadline());
        }
        return next;
    }

    void forget(Connection connection) {
        waiters.removeIf(w -> w.connection() == connection);
    }
}
