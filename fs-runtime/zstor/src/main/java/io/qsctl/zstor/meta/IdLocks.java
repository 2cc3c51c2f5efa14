package io.qsctl.zstor.meta;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises, within this process, the operations on one record id that read the backends and
 * then write (put, delete, repair, caching a read): a fixed set of locks chosen by the id's hash,
 * so memory does not grow with the number of ids.
 */
final class IdLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[64];

    IdLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T with(String id, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(id.hashCode(), stripes.length)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
