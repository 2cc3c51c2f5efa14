package io.qsctl.provider.identity;

import io.qsctl.common.QsctlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The identity file's content: the sealed mnemonic and the header that says how to open it.
 * Every header field is bound to the ciphertext as AES-GCM associated data ({@link #aad()}), so
 * changing one (a weaker scrypt cost, another public key) makes decryption fail.
 */
record IdentityFile(int version, ScryptCost cost, byte[] salt, byte[] nonce, byte[] ciphertext, String publicKey,
        Instant created) {

    static final int VERSION = 1;
    static final String KDF = "scrypt";

    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-f]{64}");

    /** The associated data: every header field, one {@code name=value} per line, in this order. */
    byte[] aad() {
        String text = "qsctl-identity\nversion=" + version + "\nkdf=" + KDF + "\nn=" + cost.n() + "\nr=" + cost.r()
                + "\np=" + cost.p() + "\nsalt=" + b64(salt) + "\nnonce=" + b64(nonce) + "\npublicKey=" + publicKey
                + "\ncreated=" + created;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    byte[] toJson() {
        ObjectNode json = JsonMapper.shared().createObjectNode();
        json.put("version", version);
        json.put("kdf", KDF);
        json.put("n", cost.n());
        json.put("r", cost.r());
        json.put("p", cost.p());
        json.put("salt", b64(salt));
        json.put("nonce", b64(nonce));
        json.put("ciphertext", b64(ciphertext));
        json.put("publicKey", publicKey);
        json.put("created", created.toString());
        return (JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static IdentityFile parse(byte[] bytes, Path file) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(bytes);
        } catch (JacksonException e) {
            throw damaged(file, "it is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw damaged(file, "it is not a JSON object");
        }
        int version = integer(json, "version", file);
        if (version != VERSION) {
            throw QsctlException.invalidInput("the identity file " + file + " has format version " + version
                    + ", which this qsctl does not know; use a newer qsctl");
        }
        if (!KDF.equals(text(json, "kdf", file))) {
            throw damaged(file, "'kdf' is not \"scrypt\"");
        }
        ScryptCost cost;
        try {
            cost = new ScryptCost(integer(json, "n", file), integer(json, "r", file), integer(json, "p", file));
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
        byte[] salt = base64(json, "salt", file);
        byte[] nonce = base64(json, "nonce", file);
        byte[] ciphertext = base64(json, "ciphertext", file);
        if (nonce.length != 12 || salt.length < 16 || ciphertext.length <= 16) {
            throw damaged(file, "the salt, nonce or ciphertext has the wrong length");
        }
        String publicKey = text(json, "publicKey", file);
        if (!HEX_KEY.matcher(publicKey).matches()) {
            throw damaged(file, "'publicKey' is not 32 bytes of lower-case hex");
        }
        Instant created;
        try {
            created = Instant.parse(text(json, "created", file));
        } catch (DateTimeParseException e) {
            throw damaged(file, "'created' is not an ISO-8601 instant");
        }
        return new IdentityFile(version, cost, salt, nonce, ciphertext, publicKey, created);
    }

    static QsctlException damaged(Path file, String why) {
        return QsctlException.invalidInput("the identity file " + file + " is damaged: " + why
                + "; restore it from a backup, or move it away and import your mnemonic again");
    }

    private static int integer(JsonNode json, String field, Path file) {
        JsonNode value = json.get(field);
        if (value == null || !value.isInt()) {
            throw damaged(file, "'" + field + "' is missing or not an integer");
        }
        return value.intValue();
    }

    private static String text(JsonNode json, String field, Path file) {
        JsonNode value = json.get(field);
        if (value == null || !value.isString()) {
            throw damaged(file, "'" + field + "' is missing or not a string");
        }
        return value.stringValue();
    }

    private static byte[] base64(JsonNode json, String field, Path file) {
        try {
            return Base64.getDecoder().decode(text(json, field, file));
        } catch (IllegalArgumentException e) {
            throw damaged(file, "'" + field + "' is not base64");
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** scrypt's cost parameters, bounded so a doctored file cannot make us allocate without limit. */
    record ScryptCost(int n, int r, int p) {
        static final ScryptCost DEFAULT = new ScryptCost(32768, 8, 1);

        ScryptCost {
            if (n < 2 || n > (1 << 20) || Integer.bitCount(n) != 1) {
                throw new IllegalArgumentException("scrypt 'n' must be a power of two from 2 to 2^20");
            }
            if (r < 1 || r > 32 || p < 1 || p > 16) {
                throw new IllegalArgumentException("scrypt 'r' must be 1 to 32 and 'p' 1 to 16");
            }
            if (128L * n * r > (1L << 30)) {
                throw new IllegalArgumentException("scrypt 'n' and 'r' would need more than 1 GiB");
            }
        }
    }

    @Override
    public String toString() {
        return "IdentityFile[version=" + version + ", " + cost + ", publicKey=" + publicKey + ", created=" + created + "]";
    }
}
