package io.qsctl.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The operating system's own words for a failed local file operation ("No space left on
 * device"), for error lines that already name the file: Java's messages repeat the path, and for
 * a temporary file that path means nothing to the user.
 */
public final class IoReasons {

    private IoReasons() {
    }

    /** The reason of the innermost {@link IOException} in {@code error}'s causes. */
    public static String of(Throwable error) {
        IOException innermost = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                innermost = io;
            }
        }
        if (innermost instanceof FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason();
            }
            if (fs instanceof NoSuchFileException) {
                return "no such file or directory";
            }
            if (fs instanceof AccessDeniedException) {
                return "permission denied";
            }
        }
        Throwable source = innermost != null ? innermost : error;
        return source.getMessage() != null ? source.getMessage() : source.getClass().getSimpleName();
    }
}
