package io.qsctl.cli.object;

import io.qsctl.common.QsctlException;
import java.io.FileDescriptor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Where {@code object get --to} writes, decided as {@code cp} and a shell redirection decide it:
 * symbolic links are followed to what they name, devices and pipes are written straight into and
 * never replaced, a regular file is replaced only when asked, and a directory is refused.
 */
public sealed interface Destination {

    /** The destination as the user named it, for messages ("standard output" for {@code -}). */
    String shown();

    /** What writes the object there. */
    Delivery delivery(PrintWriter err);

    /**
     * Standard output or standard error, written through the descriptor this process already has
     * (so {@code --to /dev/stdout >> log} appends, as the shell set it up).
     *
     * @param pipe whether it is a pipe or a socket, whose reader may go away
     */
    record Descriptor(String shown, FileDescriptor descriptor, boolean pipe) implements Destination {
        @Override
        public Delivery delivery(PrintWriter err) {
            return new StreamDelivery(this);
        }
    }

    /**
     * A device, a pipe, or another descriptor of this process ({@code /proc/self/fd/N}): opened
     * as a shell redirection opens it and written straight into; never replaced.
     */
    record Stream(String shown, Path path, boolean pipe) implements Destination {
        @Override
        public Delivery delivery(PrintWriter err) {
            return new StreamDelivery(this);
        }
    }

    /** Nothing there yet: a file appears, complete, with the mode a new file gets (0666 less the umask). */
    record NewFile(String shown, Path path) implements Destination {
        @Override
        public Delivery delivery(PrintWriter err) {
            return new FileDelivery(shown, path, OptionalInt.empty(), err);
        }
    }

    /** A regular file (or what a link names): replaced, with {@code --force} only, keeping its permission bits. */
    record ExistingFile(String shown, Path path, int permissions) implements Destination {
        @Override
        public Delivery delivery(PrintWriter err) {
            return new FileDelivery(shown, path, OptionalInt.of(permissions), err);
        }
    }

    /**
     * Resolves {@code --to}: {@code -} is standard output; other names are followed through
     * symbolic links. A link whose target does not exist gets that target created, as a shell
     * redirection does, when the target's directory exists.
     *
     * @throws QsctlException invalid input for a directory, a socket, a regular file or a block
     *     device without {@code force}, a loop of links, or a missing directory
     */
    static Destination of(String to, boolean force) {
        return DestinationResolver.resolve(to, force);
    }
}
