package io.qsctl.zstor.it;

import io.qsctl.zstor.meta.MetadataRepository;
import java.util.List;
import java.util.Optional;

/**
 * A repository that passes every call to another: a fake overrides the one call it makes fail.
 * Closing it leaves the other open (its owner closes it).
 */
public abstract class ForwardingMetadata implements MetadataRepository {

    private final MetadataRepository inner;

    protected ForwardingMetadata(MetadataRepository inner) {
        this.inner = inner;
    }

    @Override
    public long put(String id, byte[] record) {
        return inner.put(id, record);
    }

    @Override
    public Optional<VersionedRecord> get(String id) {
        return inner.get(id);
    }

    @Override
    public void delete(String id) {
        inner.delete(id);
    }

    @Override
    public List<String> list() {
        return inner.list();
    }

    @Override
    public void close() {
    }
}
