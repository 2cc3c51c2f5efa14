package io.qsctl.provider;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A payload and the ed25519 signature of it by the twin's account key (hex, 64 bytes). The grid
 * checks the signature against the public key it registered for the twin.
 */
public record Signed(byte[] payload, String signatureHex) {
    public Signed {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signatureHex, "signatureHex");
        if (signatureHex.length() != 128) {
            throw new IllegalArgumentException("an ed25519 signature is 64 bytes");
        }
    }

    public byte[] signature() {
        return HexFormat.of().parseHex(signatureHex);
    }

    /** The payload of a cancellation: the contract and the twin, as text. */
    public static byte[] cancelPayload(String network, TwinId twin, ContractId contract) {
        return ("{\"v\":1,\"net\":\"" + network + "\",\"cancel\":" + contract.value() + ",\"twin\":" + twin.value() + "}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The payload of a size change: the contract, the new deployment hash and the new size. */
    public static byte[] updatePayload(String network, TwinId twin, ContractId contract, String newHash, long newSize) {
        return ("{\"v\":1,\"net\":\"" + network + "\",\"update\":" + contract.value() + ",\"twin\":" + twin.value()
                + ",\"hash\":\"" + newHash + "\",\"size\":" + newSize + "}").getBytes(StandardCharsets.US_ASCII);
    }
}
