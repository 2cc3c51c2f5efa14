package io.qsctl.zdb.client;

/**
 * The typed result of one pipelined command, readable once {@link Pipeline#sync()} returned.
 *
 * @param <T> what the command returns on a {@link ZdbConnection}
 */
public final class Pending<T> {

    private boolean done;
    private T value;
    private RuntimeException failure;

    Pending() {}

    void complete(T result) {
        value = result;
        done = true;
    }

    void fail(RuntimeException error) {
        failure = error;
        done = true;
    }

    /** Whether the pipeline ran and this command has its answer. */
    public boolean isDone() {
        return done;
    }

    /**
     * The result, as the synchronous method would have returned it.
     *
     * @throws IllegalStateException before the pipeline ran
     * @throws ZdbServerException if the server refused this command
     */
    public T get() {
        if (!done) {
            throw new IllegalStateException("the pipeline has not run yet; call sync() first");
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
