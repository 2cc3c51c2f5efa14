package io.qsctl.provider.local;

import io.qsctl.provider.Signed;
import io.qsctl.provider.Signer;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An ed25519 account key for tests, signing as the local identity will. */
final class TestSigner implements Signer {

    private final Ed25519PrivateKeyParameters key;

    TestSigner() {
        this.key = new Ed25519PrivateKeyParameters(new SecureRandom());
    }

    @Override
    public String publicKeyHex() {
        return HexFormat.of().formatHex(key.generatePublicKey().getEncoded());
    }

    @Override
    public Signed sign(byte[] payload) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(payload, 0, payload.length);
        return new Signed(payload, HexFormat.of().formatHex(signer.generateSignature()));
    }
}
