package io.qsctl.provider;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The grid as the reconciler sees it: find nodes, reserve zdb backends, observe what exists, grow,
 * cancel. Implemented by the embedded grid ({@code providers/local}) and, later, the ThreeFold Grid
 * ({@code providers/tfgrid}).
 *
 * <p>Contract: every call that changes the grid is idempotent. Reserving a deployment whose hash
 * already has a live contract on that node returns that contract instead of making another (the
 * chain refuses duplicates: {@code ContractIsNotUnique}); cancelling a cancelled contract
 * succeeds. Calls that fail throw {@link GridException}. Observing never changes anything.
 * Implementations are thread-safe.
 */
public interface Grid extends AutoCloseable {

    GridInfo info();

    /** The grid's clock: contracts are billed and expire by it (the embedded grid's can be advanced). */
    Instant now();

    /** Nodes matching a query, one page of them. */
    NodePage nodes(NodeQuery query);

    Optional<Node> node(NodeId id);

    List<Farm> farms();

    /** The twin registered for an account key, if any. */
    Optional<TwinId> twin(String publicKeyHex);

    /**
     * Registers an account key as a twin (on the real grid: activation and {@code create_twin};
     * on the embedded grid the new twin also receives its starting funds). Idempotent.
     */
    TwinId createTwin(String publicKeyHex);

    Tft balance(TwinId twin);

    /** What the backends would cost per hour, priced now. */
    PriceQuote quote(List<BackendSpec> backends);

    /** The twin's contracts that are not deleted (created or in grace). */
    List<Contract> contracts(TwinId twin);

    /** A contract by id, deleted ones included while the grid remembers them. */
    Optional<Contract> contract(ContractId id);

    /** Where a contract's zdb namespace answers, once deployed. */
    Optional<ZdbEndpoint> endpoint(ContractId id);

    /**
     * Creates the contracts and deployments of a batch signed by its twin. Returns one contract
     * per deployment, in order. Idempotent per deployment hash. On failure part of the batch may
     * exist: the exception says which deployment failed, and observing shows the rest.
     */
    List<Contract> reserve(ReservationBatch batch, Signed signature);

    /** Grows a backend: a new size for the contract's namespace (never smaller). */
    Contract grow(ContractId contract, Deployment updated, Signed signature);

    /** Cancels a contract; the node deletes the namespace. */
    void cancel(ContractId contract, Signed signature);

    @Override
    void close();
}
