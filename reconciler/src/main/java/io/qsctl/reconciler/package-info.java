/**
 * The reconciler's entry point, {@link io.qsctl.reconciler.Reconciler}, and the machinery behind
 * it: refresh, diff, capacity, placement, pricing, QR-sized batches, execution with the journal,
 * resume. Callers use {@code Reconciler} and the values of {@code io.qsctl.reconciler.api}; the
 * machinery is package-private, except {@link io.qsctl.reconciler.Planner}, which plans from a
 * given state without a state directory or lock (the benchmarks drive it).
 */
package io.qsctl.reconciler;
