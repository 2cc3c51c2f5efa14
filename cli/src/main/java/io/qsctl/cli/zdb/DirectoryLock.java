package io.qsctl.cli.zdb;

import io.qsctl.common.ProcessFileLock;
import io.qsctl.common.QsctlException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;


/**
 * Keeps a second server off the same index root: two engines appending to the same files would
 * corrupt them, and 0-db itself does not check. The lock is the kernel's (released when the process
 * dies, even by {@code kill -9}); the file only says who holds it. It starts with a dot, which the
 * engine skips when it looks for namespaces, and it is not a directory, which 0-db skips.
 */
public final class DirectoryLock implements AutoCloseable {

    static final String FILE_NAME = ".qsctl-zdb.lock";

    private final ProcessFileLock lock;

    private DirectoryLock(ProcessFileLock lock) {
        this.lock = lock;
    }

    /** Takes the lock of {@code dir} or explains who has it. */
    public static DirectoryLock take(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        Optional<ProcessFileLock> lock;
        try {
            lock = ProcessFileLock.tryTake(file);
        } catch (UncheckedIOException e) {
            throw QsctlException.invalidInput(e.getMessage() + ": " + e.getCause().getMessage());
        }
        return new DirectoryLock(lock.orElseThrow(() -> QsctlException.invalidInput("another zdb server"
                + ProcessFileLock.holder(file).map(pid -> " (pid " + pid + ")").orElse("") + " uses " + dir
                + "; stop it first")));
    }

    @Override
    public void close() {
        lock.close();
    }
}
