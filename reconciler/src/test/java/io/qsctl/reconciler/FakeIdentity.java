package io.qsctl.reconciler;

import io.qsctl.provider.Signed;
import io.qsctl.provider.Signer;
import io.qsctl.provider.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A real ed25519 account key and derived secrets from a name: enough identity for the reconciler's tests. */
final class FakeIdentity implements Identity {

    private final String seed;
    private final Ed25519PrivateKeyParameters key;
    int signatures;

    FakeIdentity(String seed) {
        this.seed = seed;
        this.key = new Ed25519PrivateKeyParameters(sha256("account|" + seed), 0);
    }

    @Override
    public Signer accountSigner() {
        return new Signer() {
            @Override
            public String publicKeyHex() {
                return accountPublicKeyHex();
            }

            @Override
            public Signed sign(byte[] payload) {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, key);
                signer.update(payload, 0, payload.length);
                signatures++;
                return new Signed(payload, HexFormat.of().formatHex(signer.generateSignature()));
            }
        };
    }

    @Override
    public String accountPublicKeyHex() {
        return HexFormat.of().formatHex(key.generatePublicKey().getEncoded());
    }

    @Override
    public byte[] dataKey(String cluster) {
        return sha256("data|" + seed + "|" + cluster);
    }

    @Override
    public byte[] metadataKey(String cluster) {
        return sha256("meta|" + seed + "|" + cluster);
    }

    @Override
    public byte[] stateKey(String cluster) {
        return sha256("state|" + seed + "|" + cluster);
    }

    @Override
    public String namespacePassword(String cluster, String backend) {
        return HexFormat.of().formatHex(sha256("ns|" + seed + "|" + cluster + "|" + backend)).substring(0, 32);
    }

    @Override
    public boolean recoverable() {
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
