package io.qsctl.reconciler.api;

/**
 * Asks a backend's namespace, on its node, whether it is there: the one thing the grid cannot say.
 * The reconciler knows no 0-db; the CLI implements this with the zdb client and the namespace
 * password the identity derives. The refresh calls it for every serving backend with a known
 * endpoint whose contract is alive and whose node the grid reports up, several at once, so an
 * implementation must be thread-safe and should give up quickly (a few seconds): a backend that
 * does not answer in time is {@link NamespaceObservation.Presence#UNREACHABLE}.
 *
 * <p>It never throws for what the backend does (refusal, timeout, a missing namespace): those are
 * observations.
 */
@FunctionalInterface
public interface NamespaceProbe {

    NamespaceObservation observe(BackendRecord backend);
}
