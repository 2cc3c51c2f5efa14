package io.qsctl.cli.cluster;

import io.qsctl.provider.TwinId;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.spec.Network;
import java.util.Optional;

/**
 * The commands that fix what a refresh found, written out in full for the cluster's spec file, so
 * that every message about a lost or unusable backend ends with what to run.
 *
 * @param spec the spec file as {@code -f} takes it
 * @param localGrid whether the cluster lives on the embedded grid (whose wallets {@code qsctl grid fund} fills)
 */
public record Remedies(String spec, boolean localGrid) {

    public static Remedies of(ClusterSession session) {
        return new Remedies(session.specFile(), session.spec().spec().network() == Network.LOCAL);
    }

    public String apply() {
        return "`qsctl apply -f " + spec + "`";
    }

    public String repair() {
        return "`qsctl object repair -f " + spec + "`";
    }

    public String replace(String backend) {
        return "`qsctl replace backend " + backend + " -f " + spec + "`";
    }

    /** For a backend lost for good: replace it, then rebuild what it held. */
    public String replaceLost() {
        return apply() + " replaces it (the new one first), then " + repair() + " rebuilds what it held";
    }

    /** For a backend that may come back: wait, or replace it by hand. */
    public String replaceIfItStaysAway(String backend) {
        return "it is not replaced yet, as it may come back; if it does not, " + replace(backend) + ", then " + repair();
    }

    /** How to fill the wallet of {@code twin}. */
    public String topUp(Optional<TwinId> twin) {
        if (localGrid) {
            return "top up the wallet: `qsctl grid fund " + twin.map(TwinId::toString).orElse("TWIN") + "`";
        }
        return "top up the wallet" + twin.map(t -> " of twin " + t).orElse("");
    }

    /** What to run about one drift, if anything can be run. */
    public Optional<String> forDrift(Drift drift, Optional<TwinId> twin) {
        if (drift.kind().replacedByApply()) {
            return Optional.of(replaceLost());
        }
        return switch (drift.kind()) {
            case NAMESPACE_UNREACHABLE, NODE_UNHEALTHY, NAMESPACE_LOCKED -> Optional.of(replaceIfItStaysAway(drift.backend()));
            case CONTRACT_IN_GRACE -> Optional.of(topUp(twin));
            case NOT_DEPLOYED -> Optional.of(apply() + " waits for it again");
            default -> Optional.empty();
        };
    }
}
