package io.qsctl.zstor.meta;

import java.util.List;
import java.util.Optional;

/**
 * Where the store keeps its metadata records: small opaque byte arrays (an encoded segment
 * description) under ids the store chooses. The store does not know how records are kept;
 * implementations decide durability and must encrypt, because a record names every shard's place.
 */
public interface MetadataRepository extends AutoCloseable {

    /**
     * Stores a new version of a record and returns its generation, higher than any earlier
     * generation of that id. Throws a {@link io.qsctl.common.QsctlException} when it cannot make
     * the record durable; then the previous version is still the one {@link #get} returns or the
     * new one is, never a mixture.
     */
    long put(String id, byte[] record);

    /** The newest readable version of a record. */
    Optional<VersionedRecord> get(String id);

    /** Removes a record so that it is never read back, even from a backend that was away. */
    void delete(String id);

    /** Every id with a live record, sorted: what a new machine recovers from. */
    List<String> list();

    @Override
    void close();

    /** One version of a record. */
    record VersionedRecord(long generation, byte[] record) {
    }
}
