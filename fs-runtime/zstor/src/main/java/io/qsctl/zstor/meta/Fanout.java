package io.qsctl.zstor.meta;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one piece of work per backend in parallel and collects what each gave within a common
 * deadline. A backend that fails or is late is reported with its reason; it never delays the
 * answer past the deadline. Only failures that say something about the backend (the store's own
 * {@link QsctlException}s, which the zdb client's errors are) become {@link Outcome.Failed};
 * anything else is a bug and is thrown.
 */
final class Fanout implements AutoCloseable {

    private final ExecutorService executor;

    Fanout() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "zstor-meta-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    <T> List<Outcome<T>> onEach(List<MetaBackend> backends, Duration timeout, Function<MetaBackend, T> work) {
        List<Future<T>> futures = new ArrayList<>(backends.size());
        for (MetaBackend backend : backends) {
            futures.add(executor.submit(() -> work.apply(backend)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Outcome<T>> outcomes = new ArrayList<>(backends.size());
        for (Future<T> future : futures) {
            outcomes.add(await(future, deadline, timeout));
        }
        return outcomes;
    }

    private static <T> Outcome<T> await(Future<T> future, long deadline, Duration timeout) {
        try {
            return new Outcome.Done<>(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome.Failed<>("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof QsctlException failure) {
                return new Outcome.Failed<>(failure.getMessage());
            }
            if (cause instanceof RuntimeException bug) {
                throw bug;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new QsctlException(ExitCode.INTERRUPTED, "interrupted while waiting for the metadata backends");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
