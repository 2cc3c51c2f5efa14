package io.qsctl.zdb.server;

/** The counters INFO reports. Written by the event loop only. */
final class ServerStats {
    final long bootTime;
    final int instanceId;
    long clientsLifetime;
    long commandsExecuted;
    long commandsFailed;
    long commandsUnauthorized;
    long networkRx;
    long networkTx;

    ServerStats(long bootTime, int instanceId) {
        this.bootTime = bootTime;
        this.instanceId = instanceId;
    }
}
