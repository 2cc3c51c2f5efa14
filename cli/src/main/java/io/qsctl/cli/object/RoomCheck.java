package io.qsctl.cli.object;

import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.common.Sizes;
import io.qsctl.cli.status.BackendTrouble;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.zstor.ZStore;
import io.qsctl.zstor.store.SegmentSizer;
import io.qsctl.zstor.store.WriteRoom;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whether an object can be stored before any of it is sent: enough data backends take writes, and
 * (when its size is known) enough of them have room for its shards. A file whose uncompressed
 * shards would not fit is read once more, compressed as the store would (nothing sent), to learn
 * its exact size: compressible data that fits is never refused. A stream of unknown length is
 * stopped by the store as soon as it goes past the room ({@link ZStore#store(InputStream, long)}),
 * with the same message.
 */
public final class RoomCheck {

    /** Opens the object's bytes again, from the start. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    private final ClusterSession session;
    private final ZStore store;
    private final String what;

    /** @param what how messages name the object ({@code photos.tar}, {@code standard input}) */
    public RoomCheck(ClusterSession session, ZStore store, String what) {
        this.session = session;
        this.store = store;
        this.what = what;
    }

    /**
     * The room there is, after refusing (exit 1, nothing sent) an object that cannot be stored now.
     *
     * @param size its length, when known
     */
    public WriteRoom require(OptionalLong size, Source source, PrintWriter err, boolean quiet) {
        WriteRoom room = store.room();
        int backends = store.config().backends().size();
        if (room.writableBackends() < room.minShardsPerWrite()) {
            List<String> trouble = BackendTrouble.explain(session, Set.of());
            throw QsctlException.invalidInput("cannot store " + what + ": " + room.writableBackends() + " of " + backends
                    + " data backends take writes, and a write needs " + room.minShardsPerWrite()
                    + (trouble.isEmpty() ? "" : "; " + String.join("; ", trouble) + ", then `qsctl object put` again")
                    + ". Nothing was stored.");
        }
        if (size.isEmpty() || room.fitsUncompressed(size.getAsLong())) {
            return room;
        }
        if (!quiet) {
            err.println("Checking whether " + what + " (" + Sizes.human(size.getAsLong()) + ") fits once compressed...");
            err.flush();
        }
        SegmentSizer.Sizing sizing;
        try (InputStream in = source.open()) {
            sizing = store.measure(in, size.getAsLong(), room.perBackendForOneObject());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what, e);
        }
        if (!sizing.fits()) {
            throw noRoom(room, size);
        }
        return room;
    }

    /** Why an object does not fit, and what to do; exit code 1. */
    public QsctlException noRoom(WriteRoom room, OptionalLong size) {
        String spec = session.specFile();
        return new QsctlException(ExitCode.ERROR, what + size.stream().mapToObj(s -> " (" + Sizes.human(s) + ")")
                .findFirst().orElse("") + " does not fit in cluster " + session.spec().name() + ": a write needs "
                + room.minShardsPerWrite() + " data backends with room for its shards, and even compressed they would"
                + " need more than the " + Sizes.human(room.perBackendForOneObject()) + " free there; one object of"
                + " at most " + Sizes.human(room.largestObject()) + " fits now (about " + Sizes.human(room.usableBytes())
                + " in all). Raise spec.capacity in " + spec + " and run `qsctl apply -f " + spec + "`, or delete objects"
                + " (`qsctl object delete -f " + spec + " ID`). Nothing was stored.");
    }
}
