package io.qsctl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A named pipe (FIFO) made by coreutils' {@code mkfifo}: Java can open one but not make one. */
public final class NamedPipe {

    private NamedPipe() {
    }

    /** Makes a FIFO at {@code path} and returns it. */
    public static Path create(Path path) {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            String said = new String(mkfifo.getInputStream().readAllBytes());
            if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IllegalStateException("mkfifo " + path + " failed: " + said);
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making " + path, e);
        }
    }
}
