package io.qsctl.cli.zdb;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for SIGINT or SIGTERM (or for {@link #stop(String) another reason to stop}) so the server
 * can stop cleanly and the process can end with an exit code of our choosing. A second signal while
 * stopping ends the process at once (acknowledged writes are safe anyway: they reached the kernel
 * before their reply).
 *
 * <p>Java has no public signal API. {@code sun.misc.Signal} (module jdk.unsupported, kept on purpose
 * for this use) is reached by reflection so that the build has no warning about it and a runtime
 * without that module still works: there we fall back to a shutdown hook, which stops as cleanly
 * but leaves the exit code to the JVM (128 + signal).
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
            ignore("HUP");
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
            Runtime.getRuntime().halt(128 + ("INT".equals(name) ? 2 : 15));
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
        Optional<Api> api = Api.find();
        if (api.isEmpty()) {
            return false;
        }
        InvocationHandler onCall = (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
                onSignal(name);
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "StopSignals[SIG" + name + "]";
        };
        Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {api.get().handlerType},
                onCall);
        return api.get().install(name, handler);
    }

    private static void ignore(String name) {
        Api.find().ifPresent(api -> {
            try {
                api.install(name, api.handlerType.getField("SIG_IGN").get(null));
            } catch (ReflectiveOperationException e) {
                LOG.debug("cannot ignore SIG{}: {}", name, e.toString());
            }
        });
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
                LOG.debug("no sun.misc.Signal ({}); stopping through a shutdown hook", e.toString());
                return Optional.empty();
            }
        }

        boolean install(String name, Object handler) {
            try {
                handle.invoke(null, signal.newInstance(name), handler);
                return true;
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{}: {}", name, e.toString());
                return false;
            }
        }
    }
}
