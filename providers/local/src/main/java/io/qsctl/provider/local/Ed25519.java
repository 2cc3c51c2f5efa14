package io.qsctl.provider.local;

import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks an ed25519 signature, as a node and the chain check a twin's. (The identity module's
 * {@code AccountKey.verify} will do the same; until it exists this small helper does.)
 */
final class Ed25519 {

    private Ed25519() {
    }

    static boolean verify(String publicKeyHex, byte[] payload, byte[] signature) {
        try {
            byte[] key = HexFormat.of().parseHex(publicKeyHex);
            if (key.length != Ed25519PublicKeyParameters.KEY_SIZE || signature.length != 64) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(key, 0));
            verifier.update(payload, 0, payload.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
