package io.qsctl.zstor.it;

import io.qsctl.zstor.meta.MetadataRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Metadata kept in memory, for tests until the replicated store is wired in. */
public final class InMemoryMetadata implements MetadataRepository {

    private final Map<String, VersionedRecord> records = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();

    @Override
    public long put(String id, byte[] record) {
        long generation = generations.incrementAndGet();
        records.put(id, new VersionedRecord(generation, record.clone()));
        return generation;
    }

    @Override
    public Optional<VersionedRecord> get(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public void delete(String id) {
        records.remove(id);
    }

    @Override
    public List<String> list() {
        List<String> ids = new ArrayList<>(records.keySet());
        ids.sort(null);
        return ids;
    }

    /** Every record as stored, to look for secrets in. */
    public List<byte[]> allRecords() {
        return records.values().stream().map(VersionedRecord::record).toList();
    }

    @Override
    public void close() {
    }
}
