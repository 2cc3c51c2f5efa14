package io.qsctl.reconciler;

import io.qsctl.common.QsctlException;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.ClusterSpec;
import io.qsctl.spec.Redundancy;
import java.math.BigInteger;

/**
 * How big each backend must be for the usable capacity the spec asks for.
 *
 * <pre>
 *   data backend size = ⌈ capacity × (dataShards + parityShards) / dataShards / nodes.count × 1.25 ⌉ GiB
 *   metadata backend size = metadata.size
 * </pre>
 *
 * A segment of S bytes becomes {@code dataShards + parityShards} shards of S / dataShards bytes
 * each, every shard on a different backend; over many segments the stored bytes spread over all
 * {@code nodes.count} backends, so each holds capacity × (d+p)/d ÷ count on average. The 25%
 * headroom covers what the average hides: uneven spread (a backend gets more shards while another
 * is down or being replaced), shards rebuilt onto the survivors while a replacement is being
 * reserved, and 0-db's own overhead (entry headers, index files). The result is rounded up to a
 * whole GiB (so small changes of capacity do not cause grow actions for a few bytes) and is never
 * below 1 GiB.
 *
 * <p>Exact integer arithmetic throughout: capacities go up to 8 EiB.
 */
final class CapacityPlanner {

    /** Headroom as a fraction: 5/4 = 1.25. */
    static final long HEADROOM_NUMERATOR = 5;
    static final long HEADROOM_DENOMINATOR = 4;

    private CapacityPlanner() {
    }

    static BackendSizes sizes(ClusterSpec spec) {
        return new BackendSizes(dataBackendSize(spec.capacity(), spec.redundancy(), spec.nodes().count()),
                spec.metadata().size().bytes());
    }

    static long dataBackendSize(ByteSize capacity, Redundancy redundancy, int count) {
        BigInteger numerator = BigInteger.valueOf(capacity.bytes())
                .multiply(BigInteger.valueOf(redundancy.totalShards()))
                .multiply(BigInteger.valueOf(HEADROOM_NUMERATOR));
        BigInteger denominator = BigInteger.valueOf(redundancy.dataShards())
                .multiply(BigInteger.valueOf(count))
                .multiply(BigInteger.valueOf(HEADROOM_DENOMINATOR))
                .multiply(BigInteger.valueOf(ByteSize.GIB));
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        BigInteger gib = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        BigInteger bytes = gib.max(BigInteger.ONE).multiply(BigInteger.valueOf(ByteSize.GIB));
        if (bytes.bitLength() > 62) {
            throw QsctlException.invalidInput("spec.capacity " + capacity + " over " + count
                    + " nodes needs backends larger than any node can hold; raise nodes.count or lower the capacity");
        }
        return bytes.longValueExact();
    }
}
