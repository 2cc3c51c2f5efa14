package io.qsctl.provider.local;

import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import io.qsctl.provider.Signed;
import io.qsctl.provider.identity.AccountKey;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a twin signed. The grid trusts a request only as far as its signed payload goes: the
 * signature must be the twin's, and the payload must name what is asked (each deployment's node
 * and hash, the contract to cancel, the new hash and size of an update). Payloads are read as
 * JSON, not compared byte for byte, so the signer may format them its own way.
 */
final class SignedPayloads {

    static final String NETWORK = "local";
    private static final JsonMapper JSON = JsonMapper.shared();

    private SignedPayloads() {
    }

    /** Checks the signature against the twin's key and returns the payload, read. */
    static JsonNode verified(TwinRecord twin, Signed signed) {
        if (!AccountKey.verify(twin.publicKey(), signed.payload(), signed.signatureHex())) {
            throw new GridException(Kind.BAD_SIGNATURE, "the signature does not match the key of twin " + twin.id());
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(signed.payload());
        } catch (JacksonException e) {
            throw new GridException(Kind.INVALID, "the signed payload is not JSON: " + e.getOriginalMessage());
        }
        if (!NETWORK.equals(payload.path("net").asString(""))) {
            throw new GridException(Kind.BAD_SIGNATURE, "the payload was signed for network '"
                    + payload.path("net").asString("") + "', this is the '" + NETWORK + "' grid");
        }
        if (payload.path("twin").asLong(-1) != twin.id()) {
            throw new GridException(Kind.BAD_SIGNATURE, "the payload was signed for twin " + payload.path("twin").asLong(-1)
                    + ", not twin " + twin.id());
        }
        return payload;
    }

    /** The (node, hash) pairs a reservation payload lists, as {@code node:hash}. */
    static Set<String> deployments(JsonNode payload) {
        Set<String> out = new HashSet<>();
        for (JsonNode item : payload.path("d")) {
            out.add(item.path(0).asLong() + ":" + item.path(1).asString("").toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    static void requireField(JsonNode payload, String field, long expected, String what) {
        if (payload.path(field).asLong(-1) != expected) {
            throw new GridException(Kind.BAD_SIGNATURE, "the signed payload does not " + what);
        }
    }

    static void requireField(JsonNode payload, String field, String expected, String what) {
        if (!expected.equalsIgnoreCase(payload.path(field).asString(""))) {
            throw new GridException(Kind.BAD_SIGNATURE, "the signed payload does not " + what);
        }
    }
}
