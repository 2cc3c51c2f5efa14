package io.qsctl.cli.object;

import io.qsctl.cli.context.Signals;
import io.qsctl.common.ExitCode;
import io.qsctl.common.IoReasons;
import io.qsctl.common.QsctlException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a regular file that appears only complete and verified: the bytes go to a partial file
 * beside it ({@code .NAME.PID.N.partial}), which is forced to disk and renamed over the target at
 * the end, and removed on any failure or signal. A failed get therefore leaves the target as it
 * was. The partial file is created as any new file is (0666 less the umask) and, when it replaces
 * a file, given that file's permission bits before the rename.
 */
final class FileDelivery implements Delivery {

    private enum State { READY, WRITING, DONE, STOPPED }

    private final String shown;
    private final Path target;
    private final Path dir;
    private final OptionalInt replacedPermissions;
    private final PrintWriter err;
    private State state = State.READY;
    private Path partial;
    private FileChannel channel;
    private WatchedOutputStream watched;

    FileDelivery(String shown, Path target, OptionalInt replacedPermissions, PrintWriter err) {
        this.shown = shown;
        this.target = target;
        this.dir = target.getParent();
        this.replacedPermissions = replacedPermissions;
        this.err = err;
    }

    @Override
    public synchronized OutputStream open() throws IOException {
        if (state == State.STOPPED) {
            throw new TransferStopped();
        }
        try {
            removePartialsOfDeadGets();
            partial = createPartial();
        } catch (IOException e) {
            throw new QsctlException(ExitCode.ERROR, "cannot write in " + dir + ": " + IoReasons.of(e), e);
        }
        channel = FileChannel.open(partial, StandardOpenOption.WRITE);
        state = State.WRITING;
        watched = new WatchedOutputStream(Channels.newOutputStream(channel));
        return watched;
    }

    @Override
    public void complete() throws IOException {
        FileChannel written;
        synchronized (this) {
            written = channel;
        }
        written.force(true);
        written.close();
        if (replacedPermissions.isPresent()) {
            // chmod, unlike creation, ignores the umask: the replaced file's bits exactly
            Files.setAttribute(partial, "unix:mode", replacedPermissions.getAsInt());
        }
        synchronized (this) {
            if (state == State.STOPPED) {
                throw new TransferStopped();
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            state = State.DONE;
        }
    }

    @Override
    public Optional<IOException> failure() {
        return watched == null ? Optional.empty() : watched.failure();
    }

    @Override
    public String leftAfterFailure() {
        return replacedPermissions.isPresent() ? "the existing " + shown + " was left as it was" : "no partial file was left";
    }

    @Override
    public boolean readerGone(IOException error) {
        return false;
    }

    @Override
    public synchronized String stop(Signals.Stop signal) {
        String untouched = replacedPermissions.isPresent() ? shown + " was left as it was" : "nothing was written at " + shown;
        return switch (state) {
            case READY, STOPPED -> {
                state = State.STOPPED;
                yield "object get interrupted (" + signal + ") before it wrote anything: " + untouched;
            }
            case WRITING -> {
                state = State.STOPPED;
                // the get's own thread may still be writing into it: removing the name is enough
                String partialFile = removePartial().map(problem -> problem + "; ").orElse("its partial file was removed and ");
                yield "object get interrupted (" + signal + "): " + partialFile + untouched
                        + "; run the same get again to read the object";
            }
            case DONE -> "object get interrupted (" + signal + ") after it had written " + shown + " whole";
        };
    }

    @Override
    public synchronized void close() {
        if (state == State.DONE || partial == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the get failed already and says so; the partial file goes below all the same
        }
        removePartial().ifPresent(problem -> err.println("warning: " + problem));
    }

    /** Deletes the partial file; empty once it is gone, else why it could not be. */
    private Optional<String> removePartial() {
        try {
            Files.deleteIfExists(partial);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("could not remove the partial file " + partial + ": " + IoReasons.of(e));
        }
    }

    /** {@code .NAME.PID.N.partial}: the partial file names the get writing it, so a later one knows when it was left behind. */
    private Path createPartial() throws IOException {
        String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
        while (true) {
            Path candidate = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".partial");
            try {
                // no permissions given: the file gets 0666 less the umask, as a shell redirection's does
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // another name, then
            }
        }
    }

    /**
     * Deletes the partial files of gets to this target that were killed (their process is gone);
     * a partial file of a get still running, or of a process this one cannot see, stays.
     */
    private void removePartialsOfDeadGets() throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".partial");
        })) {
            for (Path left : partials) {
                String rest = left.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot <= 0 || !rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
                    continue; // not one of ours
                }
                long pid = Long.parseLong(rest.substring(0, dot));
                if (ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(left);
                    err.println("Removed " + left + ", left by an earlier get that was killed.");
                }
            }
        }
    }
}
