package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterOptions;
import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.object.Progress;
import io.qsctl.cli.object.Sizes;
import io.qsctl.cli.object.WatchedOutputStream;
import io.qsctl.common.ExitCode;
import io.qsctl.common.IoReasons;
import io.qsctl.common.QsctlException;
import io.qsctl.zstor.store.RetrieveResult;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qsctl object get -f SPEC ID --to PATH}: reads an object back, verified. The file appears
 * only complete and verified: bytes go to a temporary file beside it, which is forced to disk and
 * renamed over PATH at the end, and removed on any failure.
 */
@Command(name = "get",
        header = "Read an object back into a file, or to standard output with '-'.",
        description = {
            "Every shard chunk is verified and the whole object's checksum is checked; missing, corrupt or "
                    + "slow backends are worked around with parity. The file is written beside PATH under a temporary "
                    + "name and renamed only when complete."
        })
final class ObjectGetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "ID", description = "The object id `object put` printed.")
    String id;

    @Option(names = "--to", required = true, paramLabel = "PATH", description = "Where to write it ('-': standard output).")
    String to;

    @Option(names = "--force", description = "Replace PATH if it exists.")
    boolean force;

    @Override
    public Integer call() {
        QsctlCommand root = (QsctlCommand) spec.root().userObject();
        PrintWriter err = spec.commandLine().getErr();
        Path target = to.equals("-") ? null : Path.of(to);
        if (target != null) {
            if (Files.isDirectory(target)) {
                throw QsctlException.invalidInput(to + " is a directory; give the file to write");
            }
            if (Files.exists(target) && !force) {
                throw QsctlException.invalidInput(to + " exists; pass --force to replace it");
            }
        }
        try (ClusterSession session = ClusterSession.open(root.context(), root.global(), cluster, err);
             ClusterStore store = ClusterStore.open(session, false, cluster.lockTimeout(), "object get",
                     VersionProvider.version())) {
            long size = store.store().describe(id).plaintextSize();
            Progress progress = new Progress(err, root.context().interactive(), root.global().quiet(), "read",
                    OptionalLong.of(size));
            RetrieveResult result = target == null ? toStdout(store, progress) : toFile(store, progress, target);
            progress.finish();
            if (!root.global().quiet()) {
                err.println(String.format(Locale.ROOT, "Read %s (%d stripe(s)%s) into %s in %.1f s", Sizes.human(result.size()),
                        result.stripes(), result.reconstructedStripes() > 0 ? ", " + result.reconstructedStripes()
                                + " rebuilt from parity" : "", target == null ? "standard output" : to, progress.seconds()));
                if (result.problems() > 0) {
                    err.println("warning: " + result.problems() + " shard chunk(s) were missing or bad on the way; run `qsctl "
                            + "object check -f " + session.specName() + " " + id + "`");
                }
            }
            return 0;
        }
    }

    private RetrieveResult toStdout(ClusterStore store, Progress progress) {
        WatchedOutputStream stdout = new WatchedOutputStream(new FileOutputStream(FileDescriptor.out));
        OutputStream out = new BufferedOutputStream(progress.wrap(stdout), 1 << 20);
        try {
            return retrieve(store, out);
        } catch (IOException e) {
            throw cannotWriteStdout(e);
        } catch (RuntimeException e) {
            throw stdout.failure().map(failure -> blamed(cannotWriteStdout(failure), e)).orElse(e);
        }
    }

    /**
     * Retrieves into a temporary file beside {@code target}, forced to disk and renamed over it:
     * a retrieve that fails, or a disk that fills up, leaves {@code target} as it was.
     */
    private RetrieveResult toFile(ClusterStore store, Progress progress, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        boolean replacing = Files.exists(target);
        Path temporary;
        try {
            removePartialsOfDeadGets(dir, target);
            temporary = Files.createTempFile(dir, partialPrefix(target, ProcessHandle.current().pid()), ".partial");
        } catch (IOException e) {
            throw new QsctlException(ExitCode.ERROR, "cannot write in " + dir + ": " + IoReasons.of(e), e);
        }
        boolean done = false;
        WatchedOutputStream file = null;
        try {
            RetrieveResult result;
            try (FileOutputStream stream = new FileOutputStream(temporary.toFile())) {
                file = new WatchedOutputStream(stream);
                result = retrieve(store, new BufferedOutputStream(progress.wrap(file), 1 << 20));
                stream.getFD().sync();
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return result;
        } catch (IOException e) {
            throw cannotWrite(e, replacing);
        } catch (RuntimeException e) {
            // the store names the segment when the destination refuses its bytes; the user needs the file named
            Optional<IOException> local = file == null ? Optional.empty() : file.failure();
            throw local.map(failure -> blamed(cannotWrite(failure, replacing), e)).orElse(e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    spec.commandLine().getErr().println("warning: could not remove " + temporary + ": "
                            + IoReasons.of(e));
                }
            }
        }
    }

    /** {@code .NAME.PID.}: the partial file names the get writing it, so a later one knows when it was left behind. */
    private static String partialPrefix(Path target, long pid) {
        return "." + target.getFileName() + "." + pid + ".";
    }

    /**
     * Deletes the partial files of gets to {@code target} that were killed (their process is
     * gone); a partial file of a get still running, or of a process this one cannot see, stays.
     */
    private void removePartialsOfDeadGets(Path dir, Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".partial");
        })) {
            for (Path partial : partials) {
                String rest = partial.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot <= 0 || !rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
                    continue; // not one of ours
                }
                long pid = Long.parseLong(rest.substring(0, dot));
                if (ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(partial);
                    spec.commandLine().getErr().println("Removed " + partial + ", left by an earlier get that was killed.");
                }
            }
        }
    }

    /** The whole object into {@code out}, flushed. */
    private RetrieveResult retrieve(ClusterStore store, OutputStream out) throws IOException {
        RetrieveResult result = store.store().retrieve(id, out);
        out.flush();
        return result;
    }

    private QsctlException cannotWrite(IOException e, boolean replacing) {
        return new QsctlException(ExitCode.ERROR, "cannot write " + to + ": " + IoReasons.of(e) + "; "
                + (replacing ? "the existing " + to + " was left as it was" : "no partial file was left"), e);
    }

    private QsctlException cannotWriteStdout(IOException e) {
        return new QsctlException(ExitCode.ERROR, "cannot write object " + id + " to standard output: "
                + IoReasons.of(e) + "; what it received is incomplete", e);
    }

    /** The destination's failure, reported instead of the store's account of it (kept for -x). */
    private static RuntimeException blamed(QsctlException destination, RuntimeException storeSide) {
        destination.addSuppressed(storeSide);
        return destination;
    }
}
