package io.qsctl.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bytes of {@code state.qss}: the magic {@code QSSTATE1}, a 12-byte random nonce, then the
 * snapshot as UTF-8 JSON encrypted with AES-256-GCM (128-bit tag appended), the magic being the
 * associated data.
 */
final class StateFile {

    static final byte[] MAGIC = "QSSTATE1".getBytes(StandardCharsets.US_ASCII);
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int HEADER_BYTES = MAGIC.length + NONCE_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private StateFile() {
    }

    /** What a state file turned out to be. */
    sealed interface Decoded {
        record Good(StateSnapshot snapshot) implements Decoded {
        }

        /** Authentication failed: the wrong key, or damaged ciphertext (indistinguishable here). */
        record Undecryptable() implements Decoded {
        }

        /** Written by a newer qsctl in a layout this one does not know. */
        record TooNew(int formatVersion, String toolVersion) implements Decoded {
        }

        /** Not a state file at all, or cut short, or decrypted to something that is not a snapshot. */
        record Damaged(String why) implements Decoded {
        }
    }

    static byte[] encode(StateSnapshot snapshot, byte[] key) {
        ObjectNode json = JsonMapper.shared().createObjectNode();
        json.put("formatVersion", snapshot.formatVersion());
        json.put("serial", snapshot.serial());
        json.put("lineage", snapshot.lineage().toString());
        json.put("toolVersion", snapshot.toolVersion());
        json.put("updated", snapshot.updated().toString());
        json.set("body", snapshot.body());
        byte[] plain = JsonMapper.shared().writeValueAsBytes(json);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce).doFinal(plain);
            byte[] out = new byte[HEADER_BYTES + sealed.length];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            System.arraycopy(nonce, 0, out, MAGIC.length, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, HEADER_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    static Decoded decode(byte[] file, byte[] key) {
        if (file.length < HEADER_BYTES + TAG_BYTES) {
            return new Decoded.Damaged("it is " + file.length + " bytes long, shorter than any state file");
        }
        if (!Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Decoded.Damaged("it does not start with QSSTATE1");
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(file, MAGIC.length, HEADER_BYTES))
                    .doFinal(file, HEADER_BYTES, file.length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            return new Decoded.Undecryptable();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        try {
            return parse(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static Decoded parse(byte[] plain) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(plain);
        } catch (JacksonException e) {
            return new Decoded.Damaged("its content is not JSON");
        }
        if (json == null || !json.isObject() || !json.path("formatVersion").isInt()) {
            return new Decoded.Damaged("its content is not a state snapshot");
        }
        int format = json.get("formatVersion").intValue();
        if (format > StateSnapshot.FORMAT_VERSION) {
            return new Decoded.TooNew(format, json.path("toolVersion").asString("?"));
        }
        if (format != StateSnapshot.FORMAT_VERSION) {
            return new Decoded.Damaged("it has format version " + format + ", which no qsctl writes");
        }
        JsonNode body = json.get("body");
        if (!json.path("serial").canConvertToLong() || !json.path("lineage").isString()
                || !json.path("toolVersion").isString() || !json.path("updated").isString()
                || body == null || !body.isObject()) {
            return new Decoded.Damaged("its content lacks a field of a state snapshot");
        }
        try {
            return new Decoded.Good(new StateSnapshot(format, json.get("serial").longValue(),
                    UUID.fromString(json.get("lineage").stringValue()), json.get("toolVersion").stringValue(),
                    Instant.parse(json.get("updated").stringValue()), (ObjectNode) body));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Decoded.Damaged("its content has an invalid field: " + e.getMessage());
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(MAGIC);
        return cipher;
    }
}
