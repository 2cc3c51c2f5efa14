package io.qsctl.reconciler;

/**
 * The process dying at a chosen point, as kill -9 would: an Error, so that nothing in the code
 * under test catches it, and the test then starts afresh from what is on disk and on the grid.
 */
final class SimulatedCrash extends Error {
    SimulatedCrash(String where) {
        super("simulated crash " + where);
    }
}
