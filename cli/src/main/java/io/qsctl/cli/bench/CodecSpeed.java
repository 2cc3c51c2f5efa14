package io.qsctl.cli.bench;

import java.util.OptionalDouble;

/**
 * What {@code qsctl bench codec} measured: encode and decode speed of one thread, in MB/s
 * (10^6 bytes per second) of data bytes, parity bytes not counted.
 *
 * @param decodeMBps empty when there is no parity, so nothing can be lost and rebuilt
 * @param lostShards data shards thrown away and rebuilt in each decode
 */
public record CodecSpeed(int dataShards, int parityShards, int shardSize, String kernel, double encodeMBps,
        OptionalDouble decodeMBps, int lostShards) {
}
