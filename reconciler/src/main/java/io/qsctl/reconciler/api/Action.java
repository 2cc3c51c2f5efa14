package io.qsctl.reconciler.api;

import io.qsctl.provider.BackendRole;

/**
 * One step of a plan. The set is closed: create, grow, replace (create the new backend, then
 * cancel the old one) and delete. {@link #index()} is the action's position in its plan; with the
 * plan id and the state lineage it makes the idempotency key the journal records.
 */
public sealed interface Action permits CreateBackend, GrowBackend, ReplaceBackend, DeleteBackend {

    int index();

    /** The backend's name ({@code data-03}, {@code meta-1}). */
    String backend();

    BackendRole role();

    /** Terraform's symbol for the kind of change: {@code +}, {@code ~}, {@code +/-}, {@code -}. */
    String symbol();

    /** The verb for progress lines: "Creating", "Growing", "Replacing", "Deleting". */
    String verb();

    /** One line for people, with the symbol: {@code + data-03: create 160GiB on node 12 (farm 3, BE)}. */
    String describe();

    /** The action's kind as plan files and events name it. */
    String type();
}
