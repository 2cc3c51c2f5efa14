package io.qsctl.cli.cluster;

import io.qsctl.spec.ClusterSpec;
import io.qsctl.spec.Network;
import io.qsctl.spec.Signing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a valid spec may ask for that this version of qsctl does not do yet. Acting on such a spec
 * as if it had been honoured would be a lie (with {@code signing: connect}, reservations would be
 * signed by this machine's identity all the same), so the cluster commands refuse what they cannot
 * honour and warn about the fields nothing reads yet, and {@code validate} reports both as
 * warnings at their fields. The schema still accepts every field: the spec is the contract, this is
 * what the tool can keep of it today. Each later issue removes its entry when it builds the
 * capability.
 */
public final class SpecSupport {

    private SpecSupport() {
    }

    /** A value no cluster command can honour yet, with why; the spec is refused. */
    public record Refusal(String field, String value, String reason) {

        /** As the cluster commands say it: {@code network main: the ThreeFold Grid provider is ...}. */
        public String message() {
            return value + ": " + reason;
        }
    }

    /** A field the file writes that nothing acts on yet, with what does not happen; only a warning. */
    public record NotActedOn(String field, String reason) {

        /** As the cluster commands say it: {@code spec.mount is not acted on yet: ...}. */
        public String message() {
            return "spec." + field + " is not acted on yet: " + reason;
        }
    }

    /** What in {@code spec} makes every cluster command refuse it, in field order; empty when nothing does. */
    public static List<Refusal> refusals(ClusterSpec spec) {
        List<Refusal> refusals = new ArrayList<>();
        if (spec.network() != Network.LOCAL) {
            refusals.add(new Refusal("network", "network " + spec.network().id(), "the ThreeFold Grid provider is not built "
                    + "yet, so only network: local (the embedded grid) can be used"));
        }
        if (spec.signing() == Signing.CONNECT) {
            refusals.add(new Refusal("signing", "signing: connect", "signing on your phone with ThreeFold Connect is not "
                    + "built yet (going on would sign with this machine's identity, not your phone); use signing: local, "
                    + "or leave signing out, until it is"));
        }
        return refusals;
    }

    /**
     * The fields among {@code written} (those the file writes under {@code spec}, not the defaults
     * filled in for it) that nothing acts on yet, in a fixed order.
     */
    public static List<NotActedOn> notActedOn(Set<String> written) {
        List<NotActedOn> unread = new ArrayList<>();
        if (written.contains("mount")) {
            unread.add(new NotActedOn("mount", "there is no filesystem to mount yet (`qsctl object` stores files in the "
                    + "cluster)"));
        }
        if (written.contains("funding")) {
            unread.add(new NotActedOn("funding", "nothing tops up the wallet or watches its runway yet (that is the "
                    + "daemon's job; `qsctl status` shows the runway)"));
        }
        if (written.contains("notify")) {
            unread.add(new NotActedOn("notify", "no alert is sent yet (that is the daemon's job; `qsctl status` reports "
                    + "what needs attention)"));
        }
        return unread;
    }
}
