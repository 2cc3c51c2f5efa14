package io.qsctl.cli.context;

import io.qsctl.common.ExitCode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bridge from qsctl to the operating system's signals: apply's Ctrl-C, the zdb server's
 * stop, and a transfer's clean stop all go through it.
 *
 * <p>Java has no public signal API. {@code sun.misc.Signal} (module jdk.unsupported, kept on
 * purpose for this use) is reached by reflection so that the build has no warning about it and a
 * runtime without that module still works: there {@link #handle} answers empty and the JVM's own
 * behaviour stays (SIGINT and SIGTERM end the process through its shutdown hooks).
 */
public final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** The signals that ask a command to stop, with the exit code of a command they stopped. */
    public enum Stop {
        /** Ctrl-C. */
        INT,
        /** What {@code kill}, systemd and container runtimes send. */
        TERM;

        /** 128 + the signal's number, the shell's code for a process a signal ended: 130, 143. */
        public ExitCode exitCode() {
            return this == INT ? ExitCode.INTERRUPTED : ExitCode.TERMINATED;
        }

        @Override
        public String toString() {
            return "SIG" + name();
        }
    }

    /**
     * Runs {@code onSignal} (on a thread of the JVM's) each time SIG{@code name} arrives, until the
     * returned handle is closed, which puts back the handler that was there before. Empty where
     * this JVM has no signal API or does not let this signal be handled.
     */
    public static Optional<Installed> handle(String name, Runnable onSignal) {
        Optional<Api> api = Api.find();
        if (api.isEmpty()) {
            return Optional.empty();
        }
        InvocationHandler onCall = (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
                onSignal.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "qsctl handler of SIG" + name;
        };
        Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {api.get().handlerType},
                onCall);
        return api.get().install(name, handler).map(previous -> new Installed(api.get(), name, previous));
    }

    /** Ignores SIG{@code name} from now on (e.g. HUP for a server that outlives its terminal). */
    public static void ignore(String name) {
        Api.find().ifPresent(api -> {
            try {
                api.install(name, api.handlerType.getField("SIG_IGN").get(null));
            } catch (ReflectiveOperationException e) {
                LOG.debug("cannot ignore SIG{}: {}", name, e.toString());
            }
        });
    }

    /** A handler in place; closing it puts back the one before (a command must not outlive its handler). */
    public static final class Installed implements AutoCloseable {

        private final Api api;
        private final String name;
        private final Object previous;

        private Installed(Api api, String name, Object previous) {
            this.api = api;
            this.name = name;
            this.previous = previous;
        }

        @Override
        public void close() {
            api.install(name, previous);
        }
    }

    /** The reflective handle on sun.misc.Signal. */
    private record Api(Constructor<?> signal, Class<?> handlerType, Method handle) {

        static Optional<Api> find() {
            try {
                Class<?> signalType = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                return Optional.of(new Api(signalType.getConstructor(String.class), handlerType,
                        signalType.getMethod("handle", signalType, handlerType)));
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.debug("no sun.misc.Signal ({}); signals keep the JVM's behaviour", e.toString());
                return Optional.empty();
            }
        }

        /** Installs {@code handler}; returns the one it replaced, empty when the JVM refused. */
        Optional<Object> install(String name, Object handler) {
            try {
                return Optional.of(handle.invoke(null, signal.newInstance(name), handler));
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{}: {}", name, e.toString());
                return Optional.empty();
            }
        }
    }
}
