package io.qsctl.cli;

import io.qsctl.cli.cluster.ClusterOptions;
import io.qsctl.cli.cluster.ClusterSession;
import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.object.ClusterStore;
import picocli.CommandLine.Mixin;

/** A command about one cluster, named by its storage.yaml ({@code -f}): plan, apply, status, object... */
abstract class ClusterCommand extends QsctlSubcommand {

    @Mixin
    ClusterOptions cluster;

    /** Loads the spec and opens what every cluster command works with: grid, identity, state directory. */
    final ClusterSession openSession() {
        return ClusterSession.open(context(), global(), cluster, err());
    }

    /**
     * The cluster's object store, opened as {@code operation} (in lock records and messages);
     * {@code write} takes the store's lock, waiting up to {@code --lock-timeout}.
     */
    final ClusterStore openStore(ClusterSession session, boolean write, String operation) {
        return ClusterStore.open(session, write, cluster.lockTimeout(), operation, VersionProvider.version());
    }
}
