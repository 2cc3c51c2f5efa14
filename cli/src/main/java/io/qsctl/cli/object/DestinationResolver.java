package io.qsctl.cli.object;

import io.qsctl.common.IoReasons;
import io.qsctl.cli.object.Destination.Descriptor;
import io.qsctl.cli.object.Destination.ExistingFile;
import io.qsctl.cli.object.Destination.NewFile;
import io.qsctl.cli.object.Destination.Stream;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Works out the {@link Destination} a {@code --to} argument names, reading the file system. */
final class DestinationResolver {

    /** The file a file descriptor of this process names ({@code /dev/stdout}, {@code /proc/self/fd/3}). */
    private static final Pattern DESCRIPTOR =
            Pattern.compile("/dev/(stdin|stdout|stderr)|/dev/fd/(\\d+)|/proc/(?:self|thread-self|(\\d+))/fd/(\\d+)");

    /** As deep as Linux follows links (ELOOP beyond). */
    private static final int MAX_LINKS = 40;

    // the file type in st_mode (stat(2)), as the "unix:mode" attribute gives it
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFIFO = 0010000;

    private DestinationResolver() {
    }

    static Destination resolve(String to, boolean force) {
        if (to.equals("-")) {
            return descriptor("standard output", 1).orElseThrow();
        }
        Path path = Path.of(to).toAbsolutePath();
        boolean followed = false;
        try {
            for (int hops = 0; ; hops++) {
                OptionalInt fd = descriptorNumber(path.normalize().toString());
                if (fd.isPresent()) {
                    Optional<Destination> standard = descriptor(to, fd.getAsInt());
                    return standard.isPresent() ? standard.get() : new Stream(to, path, isPipe(path));
                }
                if (!Files.isSymbolicLink(path)) {
                    break;
                }
                if (hops == MAX_LINKS) {
                    throw QsctlException.invalidInput("cannot write " + to + ": too many levels of symbolic links");
                }
                // a relative link is relative to the directory holding it, as the kernel reads it
                path = path.getParent().toRealPath().resolve(Files.readSymbolicLink(path));
                followed = true;
            }
            int mode;
            try {
                mode = (Integer) Files.getAttribute(path, "unix:mode");
            } catch (NoSuchFileException e) {
                return newFile(to, path, followed);
            }
            String what = followed ? to + " (a symbolic link to " + path.toRealPath() + ")" : to;
            return switch (mode & S_IFMT) {
                case S_IFDIR -> throw QsctlException.invalidInput(what + " is a directory; give the file to write");
                case S_IFSOCK -> throw QsctlException.invalidInput(what + " is a socket; give a file, a device or a pipe");
                case S_IFREG -> {
                    if (!force) {
                        throw QsctlException.invalidInput(what + " exists; pass --force to replace it");
                    }
                    yield new ExistingFile(to, path.toRealPath(), mode & 0777);
                }
                case S_IFBLK -> {
                    if (!force) {
                        throw QsctlException.invalidInput(what + " is a block device; pass --force to write the object "
                                + "over its first bytes");
                    }
                    yield new Stream(to, path, false);
                }
                default -> new Stream(to, path, (mode & S_IFMT) == S_IFIFO);
            };
        } catch (IOException e) {
            throw new QsctlException(ExitCode.ERROR, "cannot write " + to + ": " + IoReasons.of(e), e);
        }
    }

    private static Destination newFile(String to, Path path, boolean followed) throws IOException {
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            throw QsctlException.invalidInput(followed
                    ? to + " is a symbolic link to " + path + ", whose directory does not exist"
                    : "cannot write " + to + ": directory " + dir + " does not exist");
        }
        return new NewFile(to, dir.toRealPath().resolve(path.getFileName()));
    }

    /** The descriptor a path names, if it is {@code /dev/stdout}, {@code /dev/fd/N} or this process's {@code /proc/…/fd/N}. */
    private static OptionalInt descriptorNumber(String path) {
        Matcher m = DESCRIPTOR.matcher(path);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        if (m.group(1) != null) {
            return OptionalInt.of(switch (m.group(1)) {
                case "stdin" -> 0;
                case "stdout" -> 1;
                default -> 2;
            });
        }
        if (m.group(2) != null) {
            return OptionalInt.of(Integer.parseInt(m.group(2)));
        }
        if (m.group(3) != null && Long.parseLong(m.group(3)) != ProcessHandle.current().pid()) {
            return OptionalInt.empty(); // another process's descriptor: an ordinary (magic) link
        }
        return OptionalInt.of(Integer.parseInt(m.group(4)));
    }

    /** Standard output and error are written through this process's own descriptors. */
    private static Optional<Destination> descriptor(String shown, int fd) {
        return switch (fd) {
            case 1 -> Optional.of(new Descriptor(shown, FileDescriptor.out, isPipe(Path.of("/proc/self/fd/1"))));
            case 2 -> Optional.of(new Descriptor(shown, FileDescriptor.err, isPipe(Path.of("/proc/self/fd/2"))));
            default -> Optional.empty();
        };
    }

    /** Whether {@code path} is (or a link to) a pipe or a socket, whose reader can go away. */
    private static boolean isPipe(Path path) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & S_IFMT;
            return type == S_IFIFO || type == S_IFSOCK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // not Linux, or nothing there: the write's own error will say what went wrong
        }
    }
}
