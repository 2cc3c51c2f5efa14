package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.object.ClusterStore;
import io.qsctl.cli.object.Delivery;
import io.qsctl.cli.object.Destination;
import io.qsctl.cli.object.Progress;
import io.qsctl.cli.object.TransferSignals;
import io.qsctl.common.Sizes;
import io.qsctl.common.ExitCode;
import io.qsctl.common.IoReasons;
import io.qsctl.common.QsctlException;
import io.qsctl.zstor.store.RetrieveResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qsctl object get -f SPEC ID --to PATH}: reads an object back, verified. Where it goes is
 * decided as {@code cp} and a shell redirection decide it ({@link Destination}): a regular file
 * appears only complete (a partial file beside it is renamed at the end), devices and pipes are
 * written straight into. SIGINT and SIGTERM remove the partial file and say so.
 */
@Command(name = "get",
        header = "Read an object back into a file, or to standard output with '-'.",
        description = {
            "Every shard chunk is verified and the whole object's checksum is checked; missing, corrupt or "
                    + "slow backends are worked around with parity. A regular file is written beside PATH under a "
                    + "temporary name and renamed only when complete; symbolic links are followed, devices and pipes "
                    + "are written straight into and never replaced."
        })
final class ObjectGetCommand extends ClusterCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The object id `object put` printed.")
    String id;

    @Option(names = "--to", required = true, paramLabel = "PATH",
            description = "Where to write it: a file, a device or a pipe ('-': standard output).")
    String to;

    @Option(names = "--force", description = "Replace PATH if it is an existing regular file.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = err();
        Destination destination = Destination.of(to, force);
        Delivery delivery = destination.delivery(err); // touches nothing until opened
        // closed in reverse order: the partial file is gone before the handlers are
        try (TransferSignals signals = TransferSignals.install(err, style().red("error:"),
                     new TransferSignals.EndNow(delivery::stop));
             delivery;
             ClusterSession session = openSession();
             ClusterStore store = openStore(session, false, "object get")) {
            long size = store.store().describe(id).plaintextSize();
            Progress progress = new Progress(err, context().interactive(), global().quiet(), "read",
                    OptionalLong.of(size));
            // a terminal's progress line is cleared first, so that the signal's line stands alone
            signals.now(new TransferSignals.EndNow(signal -> {
                progress.finish();
                return delivery.stop(signal);
            }));
            Optional<RetrieveResult> delivered;
            try {
                delivered = retrieve(store, delivery, progress);
            } catch (RuntimeException e) {
                signals.beforeReporting();
                progress.finish();
                throw e;
            }
            signals.beforeReporting();
            progress.finish();
            if (delivered.isEmpty()) {
                return ExitCode.PIPE_CLOSED.code(); // the reader has what it wanted: like cat, say nothing
            }
            RetrieveResult result = delivered.get();
            if (!global().quiet()) {
                err.println(String.format(Locale.ROOT, "Read %s (%d stripe(s)%s) into %s in %.1f s", Sizes.human(result.size()),
                        result.stripes(), result.reconstructedStripes() > 0 ? ", " + result.reconstructedStripes()
                                + " rebuilt from parity" : "", destination.shown(), progress.seconds()));
                if (result.problems() > 0) {
                    err.println("warning: " + result.problems() + " shard chunk(s) were missing or bad on the way; run `qsctl "
                            + "object check -f " + session.specName() + " " + id + "`");
                }
            }
            return 0;
        }
    }

    /**
     * The whole object into the destination, made visible there. Empty when the reader of a pipe
     * went away ({@code | head}).
     */
    private Optional<RetrieveResult> retrieve(ClusterStore store, Delivery delivery, Progress progress) {
        try {
            OutputStream out = new BufferedOutputStream(progress.wrap(delivery.open()), 1 << 20);
            RetrieveResult result = store.store().retrieve(id, out);
            out.flush();
            delivery.complete();
            return Optional.of(result);
        } catch (IOException e) {
            if (delivery.readerGone(e)) {
                return Optional.empty();
            }
            throw cannotWrite(delivery, e);
        } catch (RuntimeException e) {
            // the store names the segment when the destination refuses its bytes; the user needs the destination named
            Optional<IOException> local = delivery.failure();
            if (local.isPresent() && delivery.readerGone(local.get())) {
                return Optional.empty();
            }
            throw local.map(failure -> blamed(cannotWrite(delivery, failure), e)).orElse(e);
        }
    }

    private QsctlException cannotWrite(Delivery delivery, IOException e) {
        return new QsctlException(ExitCode.ERROR, "cannot write " + (to.equals("-") ? "object " + id + " to standard output"
                : to) + ": " + IoReasons.of(e) + "; " + delivery.leftAfterFailure(), e);
    }

    /** The destination's failure, reported instead of the store's account of it (kept for -x). */
    private static RuntimeException blamed(QsctlException destination, RuntimeException storeSide) {
        destination.addSuppressed(storeSide);
        return destination;
    }
}
