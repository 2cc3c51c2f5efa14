package io.qsctl.zdb.client;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;

/** Where a 0-db listens: a TCP host and port (IPv6 is common on the grid) or a unix socket. */
public sealed interface ZdbEndpoint {

    /** 0-db's default port. */
    int DEFAULT_PORT = 9900;

    /** The address to connect to; resolving a host name happens here. */
    SocketAddress socketAddress();

    /** A TCP endpoint. {@code host} is a name, an IPv4 or an IPv6 literal (brackets optional). */
    record Tcp(String host, int port) implements ZdbEndpoint {
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public SocketAddress socketAddress() {
            return new InetSocketAddress(host, port);
        }

        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "tcp://[" + host + "]:" + port : "tcp://" + host + ":" + port;
        }
    }

    /** A unix domain socket (0-db's {@code --socket}). */
    record Unix(Path path) implements ZdbEndpoint {
        public Unix {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public SocketAddress socketAddress() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String toString() {
            return "unix://" + path;
        }
    }

    /**
     * Reads the forms people write: {@code host}, {@code host:port}, {@code [v6]:port}, a bare
     * IPv6 literal ({@code 2a02:1802:5e::dead:beef}, which gets the default port),
     * {@code tcp://...}, {@code unix:///path} or an absolute path.
     */
    static ZdbEndpoint parse(String text) {
        String s = Objects.requireNonNull(text, "text").trim();
        if (s.startsWith("unix://")) {
            return new Unix(Path.of(s.substring("unix://".length())));
        }
        if (s.startsWith("/")) {
            return new Unix(Path.of(s));
        }
        if (s.startsWith("tcp://")) {
            s = s.substring("tcp://".length());
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in " + text);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new Tcp(host, DEFAULT_PORT);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':port' after ']' in " + text);
            }
            return new Tcp(host, port(rest.substring(1), text));
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new Tcp(s, DEFAULT_PORT);
        }
        if (s.indexOf(':', colon + 1) >= 0) {
            // more than one colon and no brackets: an IPv6 literal without a port
            return new Tcp(s, DEFAULT_PORT);
        }
        return new Tcp(s.substring(0, colon), port(s.substring(colon + 1), text));
    }

    private static int port(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + text);
        }
    }
}
