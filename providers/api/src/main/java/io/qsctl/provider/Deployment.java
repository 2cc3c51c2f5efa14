package io.qsctl.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One zdb deployment, as sent to a node: the backend, the namespace password (derived from the
 * owner's mnemonic; it travels only to the node, never into a QR code, a plan or a log), and a
 * public label. Its {@link #hash()} is what the owner signs and what the chain records with the
 * contract, as zos does: the hex MD5 of a textual challenge over every field, password included
 * (so the hash commits to the password without revealing it).
 */
public record Deployment(TwinId twin, BackendSpec backend, String password, String metadata) {

    /** Deployments are version 0 when created; updates count up. */
    public static final int VERSION = 0;

    public Deployment {
        Objects.requireNonNull(twin, "twin");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** The label attached to the contract: which cluster and backend it serves. */
    public static String metadataFor(BackendSpec backend) {
        return "{\"v\":1,\"type\":\"qsctl\",\"cluster\":\"" + backend.cluster() + "\",\"backend\":\""
                + backend.name() + "\",\"role\":\"" + backend.role().id() + "\"}";
    }

    public static Deployment of(TwinId twin, BackendSpec backend, String password) {
        return new Deployment(twin, backend, password, metadataFor(backend));
    }

    /** zos's challenge shape: version, twin, metadata, then the workload (name, type, size, mode, password, public). */
    String challenge() {
        return VERSION + "" + twin.value() + metadata + "" + backend.node().value()
                + backend.name() + "zdb" + backend.size() + backend.mode().id() + password + "false";
    }

    public String hash() {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(challenge().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available", e);
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "Deployment[twin=" + twin + ", backend=" + backend + ", password=(hidden), metadata=" + metadata + "]";
    }
}
