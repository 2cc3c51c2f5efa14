package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.RespReplyParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a connection needs to know, immutable. Start from {@link #tcp(String, int)} or
 * {@link #unix(Path)} and change what differs with the {@code with...} methods.
 *
 * @param endpoint where the server listens
 * @param connectTimeout longest wait for a connection to be accepted
 * @param commandTimeout longest wait for the server without any progress (no byte accepted or
 *     received) while a command or a pipeline runs; a slow but moving 8 MiB transfer is fine
 * @param namespace namespace selected after every connect, or null to stay in the one the server
 *     starts a connection in ({@code default})
 * @param namespacePassword password of that namespace, or null
 * @param adminPassword admin password sent with AUTH after every connect, or null
 * @param plaintextPasswordAllowed whether a password may be sent in clear to a server that does
 *     not support the SECURE challenge form; off by default, so an old or impostor server learns
 *     nothing
 * @param reconnect how connects are retried
 * @param maxReplyBulkLength largest bulk reply accepted (0-db values are at most 8 MiB)
 */
public record ZdbClientConfig(
        ZdbEndpoint endpoint,
        Duration connectTimeout,
        Duration commandTimeout,
        String namespace,
        String namespacePassword,
        String adminPassword,
        boolean plaintextPasswordAllowed,
        ReconnectPolicy reconnect,
        int maxReplyBulkLength) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    public ZdbClientConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(reconnect, "reconnect");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive");
        }
        if (namespace != null && (namespace.isEmpty() || namespace.length() > 128)) {
            throw new IllegalArgumentException("a namespace name has 1 to 128 characters");
        }
        if (namespacePassword != null && namespace == null) {
            throw new IllegalArgumentException("a namespace password needs a namespace");
        }
        if (maxReplyBulkLength < 0) {
            throw new IllegalArgumentException("maxReplyBulkLength must not be negative");
        }
    }

    /** Defaults for a TCP server: 5 s to connect, 30 s without progress per command, 3 connect attempts. */
    public static ZdbClientConfig tcp(String host, int port) {
        return of(new ZdbEndpoint.Tcp(host, port));
    }

    /** Defaults for a server on the default port 9900. */
    public static ZdbClientConfig tcp(String host) {
        return tcp(host, ZdbEndpoint.DEFAULT_PORT);
    }

    /** Defaults for a server on a unix socket. */
    public static ZdbClientConfig unix(Path socket) {
        return of(new ZdbEndpoint.Unix(socket));
    }

    /** Defaults for an endpoint written as text; see {@link ZdbEndpoint#parse(String)}. */
    public static ZdbClientConfig parse(String endpoint) {
        return of(ZdbEndpoint.parse(endpoint));
    }

    public static ZdbClientConfig of(ZdbEndpoint endpoint) {
        return new ZdbClientConfig(endpoint, DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, null, null, null, false,
                ReconnectPolicy.DEFAULT, RespReplyParser.DEFAULT_MAX_BULK_LENGTH);
    }

    public Optional<String> namespaceName() {
        return Optional.ofNullable(namespace);
    }

    public ZdbClientConfig withEndpoint(ZdbEndpoint value) {
        return new ZdbClientConfig(value, connectTimeout, commandTimeout, namespace, namespacePassword, adminPassword,
                plaintextPasswordAllowed, reconnect, maxReplyBulkLength);
    }

    public ZdbClientConfig withConnectTimeout(Duration value) {
        return new ZdbClientConfig(endpoint, value, commandTimeout, namespace, namespacePassword, adminPassword,
                plaintextPasswordAllowed, reconnect, maxReplyBulkLength);
    }

    public ZdbClientConfig withCommandTimeout(Duration value) {
        return new ZdbClientConfig(endpoint, connectTimeout, value, namespace, namespacePassword, adminPassword,
                plaintextPasswordAllowed, reconnect, maxReplyBulkLength);
    }

    /** Select {@code name}, which has no password (or is public and read-only access is enough). */
    public ZdbClientConfig withNamespace(String name) {
        return withNamespace(name, null);
    }

    /** Select {@code name} with its password, proved with the SECURE challenge. */
    public ZdbClientConfig withNamespace(String name, String password) {
        return new ZdbClientConfig(endpoint, connectTimeout, commandTimeout, name, password, adminPassword,
                plaintextPasswordAllowed, reconnect, maxReplyBulkLength);
    }

    public ZdbClientConfig withAdminPassword(String value) {
        return new ZdbClientConfig(endpoint, connectTimeout, commandTimeout, namespace, namespacePassword, value,
                plaintextPasswordAllowed, reconnect, maxReplyBulkLength);
    }

    public ZdbClientConfig withPlaintextPasswordAllowed(boolean value) {
        return new ZdbClientConfig(endpoint, connectTimeout, commandTimeout, namespace, namespacePassword, adminPassword,
                value, reconnect, maxReplyBulkLength);
    }

    public ZdbClientConfig withReconnect(ReconnectPolicy value) {
        return new ZdbClientConfig(endpoint, connectTimeout, commandTimeout, namespace, namespacePassword, adminPassword,
                plaintextPasswordAllowed, value, maxReplyBulkLength);
    }

    public ZdbClientConfig withMaxReplyBulkLength(int value) {
        return new ZdbClientConfig(endpoint, connectTimeout, commandTimeout, namespace, namespacePassword, adminPassword,
                plaintextPasswordAllowed, reconnect, value);
    }

    /** Passwords are masked: configs end up in logs. */
    @Override
    public String toString() {
        return "ZdbClientConfig[endpoint=" + endpoint
                + ", namespace=" + (namespace == null ? "(server default)" : namespace)
                + ", namespacePassword=" + (namespacePassword == null ? "none" : "***")
                + ", adminPassword=" + (adminPassword == null ? "none" : "***")
                + ", plaintextPasswordAllowed=" + plaintextPasswordAllowed
                + ", connectTimeout=" + connectTimeout
                + ", commandTimeout=" + commandTimeout
                + ", reconnect=" + reconnect
                + ", maxReplyBulkLength=" + maxReplyBulkLength + "]";
    }
}
