package io.qsctl.provider.identity;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.QsctlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sandbox key of the embedded grid: 32 random bytes in a file, created owner-only (0600) on
 * first use, from which a {@link SandboxIdentity} derives its keys.
 *
 * <p><strong>Protected only by file permissions</strong>: the key is stored in clear, not under
 * a passphrase, because it guards nothing of value. It is for the embedded grid ({@code network:
 * local}) only, so that people can try qsctl before they have a mnemonic; nothing reserved or
 * stored with it can be recovered on another machine, and losing the file loses the sandbox.
 * Never use it for a real grid.
 */
public final class SandboxKeyFile {

    public static final int KEY_BYTES = 32;

    private final Path file;
    private final SecureRandom random;

    public SandboxKeyFile(Path file) {
        this(file, new SecureRandom());
    }

    SandboxKeyFile(Path file, SecureRandom random) {
        this.file = Objects.requireNonNull(file, "file");
        this.random = random;
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /**
     * The sandbox identity, creating the key on first use. Two processes starting at once end
     * up with the same key: the file is published only if absent, and both read it back.
     */
    public SandboxIdentity loadOrCreate() {
        if (!exists()) {
            byte[] fresh = new byte[KEY_BYTES];
            random.nextBytes(fresh);
            try {
                DurableFiles.ensurePrivateDirectory(file.toAbsolutePath().getParent());
                DurableFiles.createIfAbsent(file, fresh, Access.OWNER_ONLY);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the sandbox key " + file, e);
            } finally {
                Arrays.fill(fresh, (byte) 0);
            }
        }
        return load();
    }

    /** The sandbox identity of an existing key file. */
    public SandboxIdentity load() {
        byte[] key;
        try {
            key = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw QsctlException.invalidInput("there is no sandbox key at " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox key " + file, e);
        }
        try {
            if (key.length != KEY_BYTES) {
                throw QsctlException.invalidInput("the sandbox key " + file + " is damaged (" + key.length
                        + " bytes, not " + KEY_BYTES + "); delete it to start a new sandbox, which loses what the old one"
                        + " reserved on the embedded grid");
            }
            return SandboxIdentity.fromKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SandboxKeyFile[" + file + "]";
    }
}
