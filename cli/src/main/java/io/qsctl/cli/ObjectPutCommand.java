package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.context.Signals;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.object.InterruptedPut;
import io.qsctl.cli.object.Progress;
import io.qsctl.cli.object.RoomCheck;
import io.qsctl.cli.object.StoppableInput;
import io.qsctl.cli.object.TransferSignals;
import io.qsctl.cli.object.TransferStopped;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.cli.status.BackendTrouble;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.common.Sizes;
import io.qsctl.zstor.store.NoRoomException;
import io.qsctl.zstor.store.StoreFailedException;
import io.qsctl.zstor.store.StoreResult;
import io.qsctl.zstor.store.WriteRoom;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code qsctl object put -f SPEC PATH}: stores a file as a new object and prints its id last. */
@Command(name = "put",
        header = "Store a file, or standard input with '-', as a new object and print its id.",
        description = {
            "The id is on the last line of standard output. The store succeeds degraded when some backends "
                    + "are down, as long as every stripe got at least dataShards + 1 shards; `qsctl object repair` "
                    + "completes it later."
        })
final class ObjectPutCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "PATH", description = "The file to store, or '-' for standard input.")
    String path;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        OptionalLong size = OptionalLong.empty();
        if (!path.equals("-")) {
            Path file = Path.of(path);
            if (Files.isDirectory(file)) {
                throw QsctlException.invalidInput(path + " is a directory; object put stores one file");
            }
            if (!Files.isReadable(file)) {
                throw QsctlException.invalidInput(path + ": no such file, or not readable");
            }
            try {
                size = OptionalLong.of(Files.size(file));
            } catch (IOException e) {
                throw QsctlException.invalidInput(path + ": " + e.getMessage());
            }
        }
        try (TransferSignals signals = TransferSignals.install(err, style().red("error:"),
                     new TransferSignals.EndNow(InterruptedPut::beforeSending));
             ClusterSession session = openSession();
             ClusterStore store = openStore(session, true, "object put");
             StoppableInput in = new StoppableInput(open())) {
            String what = path.equals("-") ? "standard input" : path;
            RoomCheck check = new RoomCheck(session, store.store(), what);
            WriteRoom room = check.require(size, () -> Files.newInputStream(Path.of(path)), err, global().quiet());
            Progress progress = new Progress(err, context().interactive(), global().quiet(), "stored", size);
            signals.now(new TransferSignals.Unwind(in::stop, signal -> {
                progress.finish();
                return InterruptedPut.stoppedAtOnce(signal, in.reachedEnd(), session.specName());
            }));
            StoreResult result;
            try {
                result = store(store, in, room, progress, signals);
            } catch (NoRoomException e) {
                throw check.noRoom(room, size);
            } catch (StoreFailedException e) {
                List<String> trouble = BackendTrouble.explain(session, Set.of());
                throw new QsctlException(ExitCode.ERROR, e.getMessage() + (trouble.isEmpty() ? ""
                        : "; " + String.join("; ", trouble)), e);
            }
            progress.finish();
            OutputFormat format = global().output();
            if (Documents.machine(format)) {
                ObjectNode doc = JsonMapper.shared().createObjectNode();
                doc.put("cluster", session.spec().name());
                doc.put("id", result.id());
                doc.put("size", result.size());
                doc.put("stripes", result.stripes());
                doc.put("degraded", result.degraded());
                doc.put("missingChunks", result.missingChunks());
                doc.put("generation", result.generation());
                Documents.print(out, format, doc);
            } else {
                if (!global().quiet()) {
                    err.println(String.format(Locale.ROOT, "Stored %s in %d stripe(s) over %s in %.1f s%s",
                            Sizes.human(result.size()), result.stripes(), session.spec().name(), progress.seconds(),
                            result.degraded() ? "; DEGRADED: " + result.missingChunks() + " shard chunk(s) could not be "
                                    + "written" : ""));
                    if (result.degraded()) {
                        degraded(session, result, err);
                    }
                }
                out.println(result.id());
            }
            out.flush();
            Optional<Signals.Stop> late = signals.received();
            if (late.isPresent()) {
                throw InterruptedPut.storedAnyway(late.get(), result, session.specName());
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores the input; a signal makes the store stop, delete what it sent and fail, which is
     * reported as such. Other failures are the caller's to explain.
     */
    private static StoreResult store(ClusterStore store, StoppableInput in, WriteRoom room, Progress progress,
                                     TransferSignals signals) {
        try {
            StoreResult result = store.store().store(new BufferedInputStream(progress.wrap(in), 1 << 20),
                    room.perBackendForOneObject());
            signals.beforeReporting();
            return result;
        } catch (RuntimeException e) {
            signals.beforeReporting();
            progress.finish();
            Optional<Signals.Stop> signal = signals.received();
            if (signal.isPresent() && TransferStopped.causedBy(e)) {
                throw InterruptedPut.nothingStored(signal.get(), e);
            }
            throw e;
        }
    }

    /**
     * A degraded object is safe but short of shards: say which backends refused and what brings
     * them back, and that repair completes the object once they take writes.
     */
    private static void degraded(ClusterSession session, StoreResult result, PrintWriter err) {
        List<String> trouble = BackendTrouble.explain(session, Set.of());
        trouble.forEach(line -> err.println("  " + line));
        err.println("  " + (trouble.isEmpty() ? "The backends that refused answer again now: " : "Then ")
                + "`qsctl object repair -f " + session.specFile() + " " + result.id() + "` writes the missing shards.");
    }

    private InputStream open() throws IOException {
        if (path.equals("-")) {
            return context().stdin();
        }
        try {
            return Files.newInputStream(Path.of(path));
        } catch (NoSuchFileException e) {
            throw QsctlException.invalidInput(path + ": no such file");
        }
    }
}
