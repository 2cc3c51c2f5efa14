package io.qsctl.zstor.meta;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentences for error messages about what backends showed. Backends are named by their name and
 * the reason the zdb client gave (an endpoint and an error), never by anything secret.
 */
final class Explain {

    private Explain() {
    }

    /** "meta-2 (cannot connect to ...), meta-3 (no answer within 2000 ms)", or "none". */
    static String unreachable(List<MetaBackend> backends, List<BackendView> views) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i) instanceof BackendView.Unreachable u) {
                parts.add(backends.get(i).name() + " (" + u.reason() + ")");
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** "meta-1 (slot 0: checksum mismatch)", or "none". */
    static String damaged(List<MetaBackend> backends, List<BackendView> views) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i) instanceof BackendView.Answered a && a.anyInvalid()) {
                parts.add(backends.get(i).name() + " (" + slots(a) + ")");
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** "slot 0: checksum mismatch, slot 1: truncated" for the damaged slots of one backend. */
    static String slots(BackendView.Answered answered) {
        List<String> slots = new ArrayList<>();
        for (int s = 0; s < answered.slots().size(); s++) {
            if (answered.slots().get(s) instanceof SlotContent.Invalid invalid) {
                slots.add("slot " + s + ": " + invalid.defect().description());
            }
        }
        return String.join(", ", slots);
    }

    static long answered(List<BackendView> views) {
        return views.stream().filter(BackendView.Answered.class::isInstance).count();
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
