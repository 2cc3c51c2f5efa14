package io.qsctl.zstor.health;

import io.qsctl.zdb.client.ReconnectPolicy;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.client.ZdbException;
import java.io.IOException;
import java.net.ServerSocket;

/** Real client errors, made by asking the client to do something that fails. */
final class TestErrors {

    /** What connecting to a closed port throws. */
    ZdbException connectionRefused() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            ZdbConnection.open(ZdbClientConfig.tcp("127.0.0.1", port).withReconnect(ReconnectPolicy.NONE));
        } catch (ZdbException e) {
            return e;
        }
        throw new IllegalStateException("a closed port accepted a connection");
    }
}
