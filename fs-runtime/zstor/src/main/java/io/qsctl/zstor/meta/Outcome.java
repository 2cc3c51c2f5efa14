package io.qsctl.zstor.meta;

/** How one backend's part of an operation ended. */
sealed interface Outcome<T> {

    record Done<T>(T value) implements Outcome<T> {
    }

    /** The reason names the endpoint and the error, never a password. */
    record Failed<T>(String reason) implements Outcome<T> {
    }
}
