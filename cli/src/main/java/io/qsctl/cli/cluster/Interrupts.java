package io.qsctl.cli.cluster;

import io.qsctl.reconciler.Reconciler;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C during an apply, as command-line guidelines ask: the first one asks the reconciler to
 * finish the action under way, save the state and stop (exit 130, resumable); a second one ends
 * the process at once (the journal then lets {@code apply --resume} settle what was in flight).
 *
 * <p>Java has no public signal API; {@code sun.misc.Signal} is reached by reflection. Where it is
 * missing, Ctrl-C ends the process immediately, which the journal also covers.
 */
public final class Interrupts {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Interrupts.class);

    private Interrupts() {
    }

    public static void stopOnInterrupt(Reconciler reconciler, java.io.PrintWriter err) {
        AtomicInteger count = new AtomicInteger();
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object signal = signalType.getConstructor(String.class).newInstance("INT");
            InvocationHandler handler = (Object proxy, Method method, Object[] args) -> {
                if (method.getName().equals("handle")) {
                    if (count.incrementAndGet() == 1) {
                        err.println("Interrupted: finishing the action under way and saving the state "
                                + "(Ctrl-C again to stop at once).");
                        err.flush();
                        reconciler.requestStop();
                    } else {
                        Runtime.getRuntime().halt(130);
                    }
                    return null;
                }
                return method.getName().equals("toString") ? "qsctl-interrupt" : null;
            };
            Object proxy = Proxy.newProxyInstance(Interrupts.class.getClassLoader(), new Class<?>[] {handlerType}, handler);
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, proxy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no signal API here: Ctrl-C ends the process and apply --resume settles the journal
            LOG.debug("Ctrl-C will end the process at once: {}", e.toString());
        }
    }
}
