package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.Namespace;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.engine.ZdbError;
import io.qsctl.zdb.resp.RespRequest;
import io.qsctl.zdb.resp.RespWriter;
import java.nio.charset.StandardCharsets;

/** One request being handled: its arguments, its client, and where the reply goes. */
final class Call {

    final ZdbServer server;
    final ZdbEngine engine;
    final Connection connection;
    final Session session;
    final RespRequest request;
    final RespWriter out;

    /** One per connection, reused for every request it sends (its fields never change). */
    Call(ZdbServer server, Connection connection, RespRequest request) {
        this.server = server;
        this.engine = server.engine();
        this.connection = connection;
        this.session = connection.session;
        this.request = request;
        this.out = connection.writer;
        this.replySink = length -> {
            out.bulkHeader(length);
            return out.sink().appendable(length);
        };
    }

    /** Where GET puts a value: straight into the reply buffer, after its bulk header. */
    final io.qsctl.zdb.engine.ValueSink replySink;

    int argc() {
        return request.count();
    }

    byte[] array() {
        return request.array();
    }

    int offset(int i) {
        return request.arrayOffset(i);
    }

    int length(int i) {
        return request.length(i);
    }

    byte[] arg(int i) {
        return request.copyArg(i);
    }

    String text(int i) {
        return new String(request.array(), request.arrayOffset(i), request.length(i), StandardCharsets.UTF_8);
    }

    Namespace namespace() {
        return session.namespace;
    }

    /** 0-db's exact-argument check: wrong count, or any empty argument. */
    void exact(int n) {
        if (argc() != n) {
            throw new ZdbError("Unexpected arguments");
        }
        for (int i = 0; i < n; i++) {
            if (length(i) == 0) {
                throw new ZdbError("Invalid argument");
            }
        }
    }

    /** Exact count, empty arguments allowed. */
    void exactAllowingEmpty(int n) {
        if (argc() != n) {
            throw new ZdbError("Unexpected arguments");
        }
    }

    void atLeast(int n) {
        if (argc() < n) {
            throw new ZdbError("Missing arguments");
        }
        for (int i = 0; i < argc(); i++) {
            if (length(i) == 0) {
                throw new ZdbError("Invalid argument");
            }
        }
    }

    void admin() {
        if (!session.admin) {
            server.stats().commandsUnauthorized++;
            throw new ZdbError("Permission denied");
        }
    }

    void notLonger(int i, int max) {
        if (length(i) > max) {
            throw new ZdbError("Argument too long");
        }
    }

    /** The client may write to its namespace (0-db checks the session first, then the namespace). */
    void writable() {
        if (!session.writable) {
            throw new ZdbError("Namespace is in read-only mode");
        }
    }

    /** An unsigned decimal as C's atoll reads it: leading digits, 0 when none. */
    long atoll(int i) {
        long value = 0;
        int from = offset(i);
        int to = from + length(i);
        boolean negative = false;
        int at = from;
        while (at < to && array()[at] == ' ') {
            at++;
        }
        if (at < to && (array()[at] == '-' || array()[at] == '+')) {
            negative = array()[at] == '-';
            at++;
        }
        for (; at < to; at++) {
            byte c = array()[at];
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }
}
