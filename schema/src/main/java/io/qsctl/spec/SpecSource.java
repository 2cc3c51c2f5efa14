package io.qsctl.spec;

import io.qsctl.common.IoReasons;
import io.qsctl.common.QsctlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The raw bytes of a spec and the name errors are reported under. Reading is bounded: a file
 * larger than {@link #MAX_BYTES} is never read into memory, only flagged as too large.
 */
public record SpecSource(String name, byte[] bytes, long declaredSize) {

    /** Specs are small; this bound keeps a wrong file (a disk image, a log) from being parsed. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    public SpecSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
    }

    public static SpecSource of(String name, byte[] bytes) {
        return new SpecSource(name, bytes, bytes.length);
    }

    public boolean tooLarge() {
        return declaredSize > MAX_BYTES;
    }

    /** Reads a spec file; a missing or unreadable file is a user error with a plain message. */
    public static SpecSource read(Path file) {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw QsctlException.invalidInput(name + ": is a directory, not a spec file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return new SpecSource(name, new byte[0], size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return bounded(name, in);
            }
        } catch (NoSuchFileException e) {
            throw QsctlException.invalidInput(name + ": no such file");
        } catch (IOException e) {
            throw QsctlException.invalidInput(name + ": cannot read: " + IoReasons.of(e));
        }
    }

    /** Reads a spec from a stream (standard input), stopping one byte past the limit. */
    public static SpecSource read(String name, InputStream in) {
        try {
            return bounded(name, in);
        } catch (IOException e) {
            throw QsctlException.invalidInput(name + ": cannot read: " + IoReasons.of(e));
        }
    }

    private static SpecSource bounded(String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            return new SpecSource(name, new byte[0], bytes.length);
        }
        return new SpecSource(name, bytes, bytes.length);
    }
}
