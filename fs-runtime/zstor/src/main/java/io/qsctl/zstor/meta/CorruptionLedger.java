package io.qsctl.zstor.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which records were last seen with a damaged slot, per backend. A record leaves the list when a
 * later read of that backend finds it clean (after a repair or an overwrite).
 */
final class CorruptionLedger {

    private final List<Set<String>> damaged = new ArrayList<>();

    CorruptionLedger(int backends) {
        for (int i = 0; i < backends; i++) {
            damaged.add(ConcurrentHashMap.newKeySet());
        }
    }

    void note(String id, List<BackendView> views) {
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i) instanceof BackendView.Answered answered) {
                if (answered.anyInvalid()) {
                    damaged.get(i).add(id);
                } else {
                    damaged.get(i).remove(id);
                }
            }
        }
    }

    void clear(int backend, String id) {
        damaged.get(backend).remove(id);
    }

    List<String> ids(int backend) {
        List<String> ids = new ArrayList<>(damaged.get(backend));
        ids.sort(null);
        return ids;
    }
}
