package io.qsctl.reconciler.api;

import io.qsctl.spec.SpecWriter;
import io.qsctl.spec.StorageCluster;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash a plan binds: SHA-256 of the cluster's canonical JSON ({@link SpecWriter#toTree}, every
 * default filled in, fields in a fixed order). Two files that load to the same cluster have the
 * same hash, whatever their formatting, comments, key order or omitted defaults.
 */
public final class SpecHash {

    private SpecHash() {
    }

    public static String of(StorageCluster cluster) {
        String canonical = Json.MAPPER.writeValueAsString(SpecWriter.toTree(cluster));
        return sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
