package io.qsctl.provider.local;

/**
 * What the ledger asks of the nodes when a contract changes state, as zos reacts to the chain's
 * events: pause (lock the namespace) when grace starts, resume when it ends, delete the namespace
 * when the contract is deleted.
 */
interface NodeActions {

    void lock(ContractRecord contract);

    void unlock(ContractRecord contract);

    void delete(ContractRecord contract);
}
