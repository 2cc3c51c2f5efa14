package io.qsctl.cli;

import picocli.CommandLine.Command;

/** {@code qsctl object ...}: the erasure store of an applied cluster, one object at a time. */
@Command(name = "object",
        header = "Store, read, check and repair objects in a cluster's erasure-coded store.",
        description = {
            "Each object is checksummed, compressed where it pays, encrypted (AES-256-GCM, a key per object "
                    + "derived from your identity) and Reed-Solomon coded over the cluster's data backends; its "
                    + "metadata is encrypted on the metadata backends. These are debug and recovery tools: the "
                    + "filesystem uses the same store."
        },
        subcommands = {
            ObjectPutCommand.class,
            ObjectGetCommand.class,
            ObjectListCommand.class,
            ObjectCheckCommand.class,
            ObjectRepairCommand.class,
            ObjectDeleteCommand.class,
        })
final class ObjectCommand {
}
