/**
 * What a caller of the reconciler passes and gets back: plans and their sealed actions, apply
 * options, progress events and results, observations and drift, the cluster's state records and
 * the codecs of the state and plan files, and {@link io.qsctl.reconciler.api.NamespaceProbe}, the
 * one thing a caller implements. Values only: nothing here talks to the grid or the state
 * directory, and nothing here depends on the machinery in {@code io.qsctl.reconciler}.
 */
package io.qsctl.reconciler.api;
