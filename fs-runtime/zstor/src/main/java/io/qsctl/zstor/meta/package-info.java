/**
 * Where the segment store keeps its metadata records.
 *
 * <ul>
 *   <li>{@link io.qsctl.zstor.meta.MetadataRepository}: the contract the segment store writes to.</li>
 *   <li>{@link io.qsctl.zstor.meta.ReplicatedMetadataStore}: the implementation over N 0-db
 *       namespaces (4 by default): each record version sealed with AES-256-GCM under the metadata
 *       key, Reed-Solomon coded (2 data + 2 parity for 4 backends), written when 3 of 4
 *       acknowledge, read from any 2, with generations, tombstones, a local index of sealed
 *       records, a health view and repair.</li>
 * </ul>
 *
 * <p>Formats, quorum rules and the consistency rule of the local index are in
 * {@code docs/zstor-metadata.md}.
 */
package io.qsctl.zstor.meta;
