package io.qsctl.provider.identity;

import io.qsctl.provider.Signed;
import io.qsctl.provider.Signer;
import java.util.HexFormat;
import java.util.Objects;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The grid account key: ed25519 (RFC 8032, pure, no context) from a 32-byte seed derived with
 * the {@code qsctl/v1/account/ed25519} label. It signs reservations locally, without prompting.
 *
 * <p>BouncyCastle keeps its own copy of the seed inside the key parameters, out of reach of
 * wiping; {@link #destroy()} drops the reference so the copy becomes garbage. Thread-safe.
 */
public final class AccountKey implements Signer, Destroyable {

    private static final HexFormat HEX = HexFormat.of();

    private volatile Ed25519PrivateKeyParameters privateKey;
    private final String publicKeyHex;

    private AccountKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKeyHex = HEX.formatHex(privateKey.generatePublicKey().getEncoded());
    }

    /** The key of a 32-byte ed25519 seed (the caller keeps, and wipes, its array). */
    public static AccountKey fromSeed(byte[] seed) {
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an ed25519 seed is 32 bytes");
        }
        return new AccountKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    @Override
    public String publicKeyHex() {
        return publicKeyHex;
    }

    @Override
    public Signed sign(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        Ed25519PrivateKeyParameters key = privateKey;
        if (key == null) {
            throw new IllegalStateException("this account key has been destroyed");
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(payload, 0, payload.length);
        return new Signed(payload.clone(), HEX.formatHex(signer.generateSignature()));
    }

    /**
     * Whether {@code signatureHex} is a valid ed25519 signature of {@code payload} by the key
     * {@code publicKeyHex}. Anything malformed (wrong length, not hex, not a curve point) is
     * simply not valid.
     */
    public static boolean verify(String publicKeyHex, byte[] payload, String signatureHex) {
        if (publicKeyHex == null || payload == null || signatureHex == null
                || publicKeyHex.length() != 2 * Ed25519PublicKeyParameters.KEY_SIZE
                || signatureHex.length() != 2 * Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        try {
            Ed25519PublicKeyParameters key = new Ed25519PublicKeyParameters(HEX.parseHex(publicKeyHex), 0);
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(payload, 0, payload.length);
            return verifier.verifySignature(HEX.parseHex(signatureHex));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void destroy() {
        privateKey = null;
    }

    @Override
    public boolean isDestroyed() {
        return privateKey == null;
    }

    @Override
    public String toString() {
        return "AccountKey[ed25519 " + publicKeyHex + "]";
    }
}
