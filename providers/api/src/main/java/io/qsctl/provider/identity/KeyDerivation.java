package io.qsctl.provider.identity;

import io.qsctl.common.Hkdf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.security.auth.Destroyable;

/**
 * Derives every key qsctl uses from one root secret with HKDF-SHA256 (RFC 5869): the root is the
 * input keying material, the salt names the kind of root, and the {@code info} label names the
 * purpose. Distinct labels give independent keys, so no derived key reveals the root or another
 * key.
 *
 * <table>
 * <caption>Roots</caption>
 * <tr><th>root</th><th>salt</th></tr>
 * <tr><td>BIP-39 seed of the user's mnemonic (64 bytes, empty BIP-39 passphrase unless one is given)</td>
 *     <td>{@code qsctl/v1}</td></tr>
 * <tr><td>the embedded grid's sandbox key (32 random bytes)</td><td>{@code qsctl/v1/sandbox}</td></tr>
 * </table>
 *
 * <table>
 * <caption>Labels ({@code info}), all UTF-8</caption>
 * <tr><th>label</th><th>bytes</th><th>use</th></tr>
 * <tr><td>{@code qsctl/v1/account/ed25519}</td><td>32</td><td>ed25519 seed of the grid account key</td></tr>
 * <tr><td>{@code qsctl/v1/cluster/<cluster>/data}</td><td>32</td><td>AES-256 key of the cluster's data segments</td></tr>
 * <tr><td>{@code qsctl/v1/cluster/<cluster>/metadata}</td><td>32</td><td>AES-256 key of the segment metadata</td></tr>
 * <tr><td>{@code qsctl/v1/cluster/<cluster>/state}</td><td>32</td><td>AES-256 key of the state file</td></tr>
 * <tr><td>{@code qsctl/v1/cluster/<cluster>/backend/<backend>/zdb-password}</td><td>20</td>
 *     <td>0-db namespace password, written as 40 lower-case hex characters</td></tr>
 * </table>
 *
 * <p>Cluster and backend names are DNS labels (lower-case letters, digits and '-', 1 to 63
 * characters, starting and ending with a letter or digit). They cannot contain '/', so a label
 * parses back into exactly one purpose and no two purposes share a label. The labels are part of
 * the recovery contract: changing one changes the keys it names, so a label never changes; a new
 * scheme gets a new version prefix.
 *
 * <p>Thread-safe; {@link #destroy()} wipes the copy of the root.
 */
public final class KeyDerivation implements Destroyable {

    public static final String MNEMONIC_SALT = "qsctl/v1";
    public static final String SANDBOX_SALT = "qsctl/v1/sandbox";
    public static final String ACCOUNT_LABEL = "qsctl/v1/account/ed25519";
    public static final int KEY_BYTES = 32;
    public static final int PASSWORD_BYTES = 20;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final byte[] root;
    private final byte[] salt;
    private volatile boolean destroyed;

    /** A derivation over {@code root} (copied) under {@code salt}. */
    public KeyDerivation(byte[] root, String salt) {
        if (root.length < KEY_BYTES) {
            throw new IllegalArgumentException("a root secret has at least 32 bytes");
        }
        this.root = root.clone();
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    /** The derivation of a mnemonic's BIP-39 seed. */
    public static KeyDerivation ofMnemonicSeed(byte[] seed) {
        return new KeyDerivation(seed, MNEMONIC_SALT);
    }

    /** The derivation of the embedded grid's sandbox key. */
    public static KeyDerivation ofSandboxKey(byte[] key) {
        return new KeyDerivation(key, SANDBOX_SALT);
    }

    /** {@code length} bytes for {@code label}, in a fresh array the caller wipes. */
    public byte[] derive(String label, int length) {
        if (destroyed) {
            throw new IllegalStateException("this key derivation has been destroyed");
        }
        return Hkdf.derive(root, salt, label.getBytes(StandardCharsets.UTF_8), length);
    }

    public byte[] accountSeed() {
        return derive(ACCOUNT_LABEL, KEY_BYTES);
    }

    public byte[] dataKey(String cluster) {
        return derive(clusterLabel(cluster, "data"), KEY_BYTES);
    }

    public byte[] metadataKey(String cluster) {
        return derive(clusterLabel(cluster, "metadata"), KEY_BYTES);
    }

    public byte[] stateKey(String cluster) {
        return derive(clusterLabel(cluster, "state"), KEY_BYTES);
    }

    /** 40 lower-case hex characters: printable and well under 0-db's 63-byte limit. */
    public String namespacePassword(String cluster, String backend) {
        byte[] bytes = derive(passwordLabel(cluster, backend), PASSWORD_BYTES);
        try {
            return HexFormat.of().formatHex(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public static String clusterLabel(String cluster, String purpose) {
        return "qsctl/v1/cluster/" + requireName("cluster", cluster) + "/" + purpose;
    }

    public static String passwordLabel(String cluster, String backend) {
        return clusterLabel(cluster, "backend/" + requireName("backend", backend) + "/zdb-password");
    }

    /** Refuses names that are not DNS labels: they could make two labels collide. */
    static String requireName(String what, String name) {
        if (name == null || !DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("a " + what + " name is a DNS label (lower-case letters, digits and '-', 1 to 63"
                    + " characters, starting and ending with a letter or digit): " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(root, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "KeyDerivation[salt=" + new String(salt, StandardCharsets.UTF_8) + "]";
    }
}
