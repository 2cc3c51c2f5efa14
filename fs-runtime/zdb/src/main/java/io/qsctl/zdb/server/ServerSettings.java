package io.qsctl.zdb.server;

import io.qsctl.zdb.resp.RespRequestParser;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server listens and who may do what, as 0-db's daemon options say.
 *
 * @param listenAddress {@code --listen}: loopback unless told otherwise (0-db listens on {@code ::})
 * @param port          {@code --port}; 0 picks a free port
 * @param unixSocket    {@code --socket}: a unix socket, which replaces TCP unless {@code dualnet}
 * @param dualnet       {@code --dualnet}: listen on the unix socket and on TCP
 * @param adminPassword {@code --admin}: without it every client is admin
 * @param protect       {@code --protect}: the default namespace needs the admin password to be written
 * @param maxArgs       arguments per request (0-db: 1024)
 * @param maxArgLength  bytes per argument (0-db: 8 MiB)
 */
public record ServerSettings(String listenAddress, int port, Optional<Path> unixSocket, boolean dualnet,
                             Optional<String> adminPassword, boolean protect, int maxArgs, int maxArgLength) {

    public static final int DEFAULT_PORT = 9900;

    public ServerSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(unixSocket, "unixSocket");
        Objects.requireNonNull(adminPassword, "adminPassword");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (protect && adminPassword.isEmpty()) {
            throw new IllegalArgumentException("--protect needs an admin password (--admin)");
        }
    }

    public static ServerSettings loopback(int port) {
        return new ServerSettings("127.0.0.1", port, Optional.empty(), false, Optional.empty(), false,
                RespRequestParser.DEFAULT_MAX_ARGS, RespRequestParser.DEFAULT_MAX_ARG_LENGTH);
    }

    public boolean listensOnTcp() {
        return unixSocket.isEmpty() || dualnet;
    }

    /** The id hooks receive: {@code unix://path} when a socket is configured, else {@code tcp://address:port}. */
    public String instanceId(int boundPort) {
        return unixSocket.map(p -> "unix://" + p).orElse("tcp://" + listenAddress + ":" + boundPort);
    }

    public ServerSettings withAdmin(Optional<String> password, boolean protectDefault) {
        return new ServerSettings(listenAddress, port, unixSocket, dualnet, password, protectDefault, maxArgs, maxArgLength);
    }

    public ServerSettings withUnixSocket(Optional<Path> socket, boolean alsoTcp) {
        return new ServerSettings(listenAddress, port, socket, alsoTcp, adminPassword, protect, maxArgs, maxArgLength);
    }

    public ServerSettings withListen(String address, int newPort) {
        return new ServerSettings(address, newPort, unixSocket, dualnet, adminPassword, protect, maxArgs, maxArgLength);
    }
}
