package io.qsctl.zstor.meta;

import io.qsctl.zstor.backend.Backend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata backends as a group: reads a record's slots from all of them in parallel, writes
 * slot changes to some of them, scans their keys. It decodes what it reads into
 * {@link BackendView}s and does not decide anything.
 */
final class MetaCluster implements AutoCloseable {

    private final List<MetaBackend> backends;
    private final MetaShardCodec codec;
    private final MetadataStoreOptions options;
    private final Fanout fanout = new Fanout();

    MetaCluster(List<Backend> backends, MetaShardCodec codec, MetadataStoreOptions options) {
        List<MetaBackend> list = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            list.add(new MetaBackend(i, backends.get(i), options));
        }
        this.backends = List.copyOf(list);
        this.codec = codec;
        this.options = options;
    }

    List<MetaBackend> backends() {
        return backends;
    }

    String name(int backend) {
        return backends.get(backend).name();
    }

    /** Both slots of one record on every backend. */
    List<BackendView> observe(String id) {
        return observe(List.of(id)).get(id);
    }

    /** Both slots of each record on every backend, one round trip per backend. */
    Map<String, List<BackendView>> observe(List<String> ids) {
        List<byte[]> keys = new ArrayList<>(ids.size() * Slots.COUNT);
        for (String id : ids) {
            for (int s = 0; s < Slots.COUNT; s++) {
                keys.add(Slots.key(id, s));
            }
        }
        List<Outcome<List<Optional<byte[]>>>> outcomes = fanout.onEach(backends, options.backendTimeout(),
                backend -> backend.get(keys));
        Map<String, List<BackendView>> views = new LinkedHashMap<>();
        for (int r = 0; r < ids.size(); r++) {
            String id = ids.get(r);
            List<BackendView> perBackend = new ArrayList<>(backends.size());
            for (Outcome<List<Optional<byte[]>>> outcome : outcomes) {
                if (outcome instanceof Outcome.Done<List<Optional<byte[]>>> done) {
                    List<SlotContent> slots = new ArrayList<>(Slots.COUNT);
                    for (int s = 0; s < Slots.COUNT; s++) {
                        Optional<byte[]> value = done.value().get(r * Slots.COUNT + s);
                        slots.add(value.isEmpty() ? SlotContent.EMPTY : codec.decode(id, value.get()));
                    }
                    perBackend.add(new BackendView.Answered(slots));
                } else {
                    perBackend.add(new BackendView.Unreachable(((Outcome.Failed<?>) outcome).reason()));
                }
            }
            views.put(id, perBackend);
        }
        return views;
    }

    /** Applies each backend's changes in order; backends are done in parallel. */
    Map<Integer, Outcome<Boolean>> apply(Map<Integer, List<SlotWrite>> writes) {
        List<MetaBackend> targets = new ArrayList<>();
        for (Integer backend : writes.keySet()) {
            targets.add(backends.get(backend));
        }
        List<Outcome<Boolean>> outcomes = fanout.onEach(targets, options.backendTimeout(), backend -> {
            for (SlotWrite write : writes.get(backend.index())) {
                if (write instanceof SlotWrite.Store store) {
                    backend.set(store.key(), store.value());
                } else {
                    backend.delete(write.key());
                }
            }
            return Boolean.TRUE;
        });
        Map<Integer, Outcome<Boolean>> byBackend = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            byBackend.put(targets.get(i).index(), outcomes.get(i));
        }
        return byBackend;
    }

    /**
     * The record ids with a key on each backend. A backend that cannot be scanned within the scan
     * timeout is reported, not retried.
     */
    Scan scan() {
        List<Outcome<Map<String, Long>>> outcomes = fanout.onEach(backends, options.scanTimeout(), backend -> {
            Map<String, Long> largest = new HashMap<>();
            backend.scanKeys(entry -> Slots.parse(entry.key())
                    .ifPresent(slot -> largest.merge(slot.id(), entry.size(), Math::max)));
            return largest;
        });
        Map<String, Seen> seen = new HashMap<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof Outcome.Done<Map<String, Long>> done) {
                done.value().forEach((id, size) -> seen.merge(id, new Seen(1, size),
                        (a, b) -> new Seen(a.backends() + b.backends(), Math.max(a.largestValue(), b.largestValue()))));
            } else {
                failed.add(name(i) + " (" + ((Outcome.Failed<?>) outcomes.get(i)).reason() + ")");
            }
        }
        return new Scan(seen, failed);
    }

    List<Outcome<Boolean>> ping() {
        return fanout.onEach(backends, options.backendTimeout(), backend -> {
            backend.ping();
            return Boolean.TRUE;
        });
    }

    @Override
    public void close() {
        fanout.close();
        backends.forEach(MetaBackend::close);
    }

    /**
     * @param seen   for each record id: on how many backends it has a key, and its largest value
     * @param failed backends that could not be scanned, each as "name (reason)"
     */
    record Scan(Map<String, Seen> seen, List<String> failed) {
    }

    /** One record id in a scan. */
    record Seen(int backends, long largestValue) {
    }
}
