package io.qsctl.zstor.health;

import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ZdbConnectionException;
import io.qsctl.zdb.client.ZdbProtocolException;
import io.qsctl.zdb.client.ZdbServerException;
import io.qsctl.zdb.client.ZdbTimeoutException;
import io.qsctl.zstor.segment.KeyMode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns what a backend said (NSINFO, an error) into a {@link Classification}. Pure functions. */
public final class HealthClassifier {

    private HealthClassifier() {
    }

    /**
     * Reads NSINFO of the store's own namespace.
     *
     * @param expectedMode the key mode the store writes with: a seq namespace that came back in user
     *     mode (0-db#128) would take no new chunk
     * @param reserveBytes a namespace with less room than this left is full: one more stripe would not fit
     */
    public static Classification fromNamespaceInfo(NamespaceInfo info, KeyMode expectedMode, long reserveBytes) {
        if (info.locked().orElse(false)) {
            return new Classification(HealthState.LOCKED, "the namespace is locked (read-only)");
        }
        long ioErrors = sum(info.longField("stats_data_io_errors"), info.longField("stats_index_io_errors"),
                info.longField("stats_data_faults"), info.longField("stats_index_faults"));
        if (ioErrors > 0) {
            return new Classification(HealthState.CORRUPT, "0-db reports " + ioErrors + " I/O errors or faults");
        }
        Optional<String> mode = info.mode();
        if (mode.isPresent()) {
            boolean seq = mode.get().toLowerCase(Locale.ROOT).startsWith("seq");
            if (seq != (expectedMode == KeyMode.SEQ)) {
                return new Classification(HealthState.CORRUPT, "the namespace is in " + mode.get()
                        + " mode, the store writes in " + expectedMode.name().toLowerCase(Locale.ROOT) + " mode");
            }
        }
        OptionalLong limit = info.dataLimitBytes();
        OptionalLong used = info.dataSizeBytes();
        if (limit.isPresent() && limit.getAsLong() > 0 && used.isPresent()
                && limit.getAsLong() - used.getAsLong() < reserveBytes) {
            return new Classification(HealthState.FULL, "the namespace uses " + used.getAsLong() + " of its "
                    + limit.getAsLong() + " bytes");
        }
        OptionalLong diskFree = info.longField("data_disk_freespace_bytes");
        if (diskFree.isPresent() && diskFree.getAsLong() < reserveBytes) {
            return new Classification(HealthState.FULL, "its disk has " + diskFree.getAsLong() + " bytes free");
        }
        return Classification.healthy();
    }

    /**
     * What an error says about the backend, or empty when it says nothing about it (say, a bug of
     * ours caught as an unexpected reply to one command).
     */
    public static Optional<Classification> fromError(Throwable error) {
        if (error instanceof ZdbConnectionException || error instanceof ZdbTimeoutException) {
            return Optional.of(new Classification(HealthState.UNREACHABLE, error.getMessage()));
        }
        if (error instanceof ZdbProtocolException) {
            return Optional.of(new Classification(HealthState.UNREACHABLE, "does not speak the 0-db protocol: "
                    + error.getMessage()));
        }
        if (error instanceof ZdbServerException server) {
            String said = server.serverMessage().toLowerCase(Locale.ROOT);
            if (said.contains("no space left")) {
                return Optional.of(new Classification(HealthState.FULL, "the namespace is full (" + server.serverMessage()
                        + ")"));
            }
            if (said.contains("locked") || said.contains("read-only") || said.contains("frozen")) {
                return Optional.of(new Classification(HealthState.LOCKED, server.serverMessage()));
            }
            if (namespaceMissing(error)) {
                return Optional.of(new Classification(HealthState.UNREACHABLE, "its namespace is gone ("
                        + server.serverMessage() + ")"));
            }
            if (said.contains("access denied")
                    || said.contains("permission denied") || said.contains("password")) {
                return Optional.of(new Classification(HealthState.UNREACHABLE, "refused our namespace or password ("
                        + server.serverMessage() + ")"));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the server answered that the namespace does not exist: the backend's node is there,
     * what was stored in the namespace is not (a lost or wiped disk, a cancelled contract).
     */
    public static boolean namespaceMissing(Throwable error) {
        return error instanceof ZdbServerException server
                && server.serverMessage().toLowerCase(Locale.ROOT).contains("namespace not found");
    }

    private static long sum(OptionalLong... values) {
        long total = 0;
        for (OptionalLong value : values) {
            total += value.orElse(0);
        }
        return total;
    }
}
