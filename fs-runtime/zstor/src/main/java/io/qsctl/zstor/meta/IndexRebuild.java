package io.qsctl.zstor.meta;

/**
 * What {@link ReplicatedMetadataStore#rebuildIndex()} wrote into the local index.
 *
 * @param live    records cached
 * @param deleted tombstones cached
 * @param removed local entries dropped because the backends have no such record
 */
public record IndexRebuild(int live, int deleted, int removed) {
}
