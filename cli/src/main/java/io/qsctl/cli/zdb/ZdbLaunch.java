package io.qsctl.cli.zdb;

import io.qsctl.zdb.engine.EngineSettings;
import io.qsctl.zdb.engine.SyncPolicy;
import io.qsctl.zdb.format.Mode;
import io.qsctl.zdb.resp.RespRequestParser;
import io.qsctl.zdb.server.ServerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked {@code qsctl zdb} command line: everything the engine and the server need, and the
 * arguments that start the same server again (for {@code --background}).
 *
 * @param data     {@code --data}
 * @param index    {@code --index}
 * @param listen   {@code --listen}
 * @param port     {@code --port}; 0 for a free one
 * @param socket   {@code --socket}
 * @param dualnet  {@code --dualnet}: the socket and TCP
 * @param mode     {@code --mode}; empty for 0-db's mixed mode
 * @param dataSize {@code --datasize} in bytes
 * @param maxSize  {@code --maxsize} in bytes, 0 for no limit
 * @param admin    the admin password, from {@code --admin} or the environment; never printed
 * @param protect  {@code --protect}
 * @param hook     {@code --hook}
 * @param sync     {@code --sync}
 * @param syncTime {@code --synctime}
 * @param rotate   {@code --rotate}
 */
public record ZdbLaunch(Path data, Path index, String listen, int port, Optional<Path> socket, boolean dualnet,
                        Optional<Mode> mode, long dataSize, long maxSize, Optional<String> admin, boolean protect,
                        Optional<Path> hook, boolean sync, Duration syncTime, Duration rotate) {

    public ZdbLaunch {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(syncTime, "syncTime");
        Objects.requireNonNull(rotate, "rotate");
    }

    public boolean tcp() {
        return socket.isEmpty() || dualnet;
    }

    /** The server's settings once the port is known (a free one when {@code --port 0}). */
    public ServerSettings serverSettings(int boundPort) {
        return new ServerSettings(listen, boundPort, socket, dualnet, admin, protect, RespRequestParser.DEFAULT_MAX_ARGS,
                RespRequestParser.DEFAULT_MAX_ARG_LENGTH);
    }

    /** The engine's settings; writes are flushed by the server once per batch, not one by one. */
    public EngineSettings engineSettings(String instanceId) {
        return EngineSettings.of(index, data)
                .withMode(mode)
                .withDataFileSize(dataSize)
                .withDefaultMaxSize(maxSize)
                .withSync(sync ? SyncPolicy.everyWrite() : SyncPolicy.every(syncTime))
                .withRotateAfter(rotate)
                .withAutoFlush(false)
                .withInstanceId(instanceId);
    }

    /**
     * The {@code zdb} arguments that start this server again, every value explicit. The password
     * is left out on purpose: it goes through the environment, where {@code ps} does not show it.
     */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("zdb", "--data", data.toString(), "--index", index.toString(),
                "--listen", listen, "--port", Integer.toString(port)));
        socket.ifPresent(path -> args.addAll(List.of("--socket", path.toString())));
        if (dualnet) {
            args.add("--dualnet");
        }
        mode.ifPresent(m -> args.addAll(List.of("--mode", m.name().toLowerCase(Locale.ROOT))));
        args.addAll(List.of("--datasize", Long.toString(dataSize), "--maxsize", Long.toString(maxSize)));
        if (protect) {
            args.add("--protect");
        }
        hook.ifPresent(path -> args.addAll(List.of("--hook", path.toString())));
        if (sync) {
            args.add("--sync");
        }
        args.addAll(List.of("--synctime", Long.toString(syncTime.toSeconds()), "--rotate",
                Long.toString(rotate.toSeconds())));
        return args;
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "ZdbLaunch" + arguments() + (admin.isPresent() ? " with an admin password" : "");
    }
}
