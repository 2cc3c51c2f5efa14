package io.qsctl.provider.identity;

import io.qsctl.common.QsctlException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A BIP-39 mnemonic in the English word list: 12, 15, 18, 21 or 24 words encoding 128 to 256
 * bits of entropy plus a checksum. It is the user's root secret; everything qsctl needs is
 * derived from its {@link #seed(String) seed}.
 *
 * <p>Held as word indices and entropy in arrays that {@link #destroy()} wipes. Neither
 * {@link #toString()} nor any exception raised here ever contains a word the user gave us.
 * Not thread-safe while being destroyed.
 */
public final class Mnemonic implements Destroyable {

    /** The word counts BIP-39 defines. */
    public static final List<Integer> WORD_COUNTS = List.of(12, 15, 18, 21, 24);
    /** What qsctl generates: 24 words, 256 bits of entropy. */
    public static final int DEFAULT_WORDS = 24;

    private static final int PBKDF2_ITERATIONS = 2048;

    private final int[] indices;
    private final byte[] entropy;
    private boolean destroyed;

    private Mnemonic(int[] indices, byte[] entropy) {
        this.indices = indices;
        this.entropy = entropy;
    }

    /** A new 24-word mnemonic from the platform's strong random source. */
    public static Mnemonic generate() {
        return generate(new SecureRandom(), DEFAULT_WORDS);
    }

    public static Mnemonic generate(SecureRandom random, int words) {
        requireWordCount(words);
        byte[] entropy = new byte[words * 4 / 3];
        random.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /** The mnemonic of 16, 20, 24, 28 or 32 bytes of entropy (the array is copied). */
    public static Mnemonic fromEntropy(byte[] entropy) {
        int bits = entropy.length * 8;
        if (bits < 128 || bits > 256 || bits % 32 != 0) {
            throw new IllegalArgumentException("BIP-39 entropy is 16, 20, 24, 28 or 32 bytes, not " + entropy.length);
        }
        int checksumBits = bits / 32;
        byte[] hash = sha256(entropy);
        int words = (bits + checksumBits) / 11;
        int[] indices = new int[words];
        for (int w = 0; w < words; w++) {
            int index = 0;
            for (int b = 0; b < 11; b++) {
                int bit = w * 11 + b;
                index = (index << 1) | (bit < bits ? bitAt(entropy, bit) : bitAt(hash, bit - bits));
            }
            indices[w] = index;
        }
        Arrays.fill(hash, (byte) 0);
        return new Mnemonic(indices, entropy.clone());
    }

    /**
     * Reads a mnemonic as people write it: any white space between words, any case, Unicode
     * normalised (NFKD). Refuses a wrong word count, a word outside the list (suggesting the
     * nearest one, without repeating what was typed) and a bad checksum.
     */
    public static Mnemonic parse(CharSequence text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT).strip();
        if (normalized.isEmpty()) {
            throw QsctlException.invalidInput("the mnemonic is empty; it is 12 to 24 words from the BIP-39 English list");
        }
        String[] words = normalized.split("\\s+");
        if (!WORD_COUNTS.contains(words.length)) {
            throw QsctlException.invalidInput("a mnemonic has 12, 15, 18, 21 or 24 words; this one has " + words.length
                    + (words.length < 12 ? "" : ": check for a missing or extra word"));
        }
        WordList list = WordList.english();
        int[] indices = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            indices[i] = list.indexOf(words[i]);
            if (indices[i] < 0) {
                String hint = list.suggest(words[i]).map(s -> "; did you mean '" + s + "'?").orElse("");
                Arrays.fill(indices, 0);
                throw QsctlException.invalidInput("word " + (i + 1) + " of the mnemonic is not in the BIP-39 English word list"
                        + hint);
            }
        }
        return fromIndices(indices);
    }

    private static Mnemonic fromIndices(int[] indices) {
        int totalBits = indices.length * 11;
        int checksumBits = totalBits / 33;
        int entropyBits = totalBits - checksumBits;
        byte[] entropy = new byte[entropyBits / 8];
        for (int bit = 0; bit < entropyBits; bit++) {
            if (indexBitAt(indices, bit) == 1) {
                entropy[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
        }
        byte[] hash = sha256(entropy);
        boolean checksumOk = true;
        for (int i = 0; i < checksumBits; i++) {
            checksumOk &= indexBitAt(indices, entropyBits + i) == bitAt(hash, i);
        }
        Arrays.fill(hash, (byte) 0);
        if (!checksumOk) {
            Arrays.fill(entropy, (byte) 0);
            Arrays.fill(indices, 0);
            throw QsctlException.invalidInput("the mnemonic's checksum does not match: a word is wrong or two words are"
                    + " swapped; compare it with your written copy word by word");
        }
        return new Mnemonic(indices, entropy);
    }

    public int wordCount() {
        return indices.length;
    }

    /**
     * The words, to show the user once (when the mnemonic is created). Strings cannot be wiped:
     * prefer {@link #phrase()} where the words need not be shown.
     */
    public List<String> words() {
        checkLive();
        List<String> out = new ArrayList<>(indices.length);
        for (int index : indices) {
            out.add(WordList.english().word(index));
        }
        return List.copyOf(out);
    }

    /** The words separated by single spaces, in a fresh array the caller wipes. */
    public char[] phrase() {
        checkLive();
        WordList list = WordList.english();
        int length = indices.length - 1;
        for (int index : indices) {
            length += list.word(index).length();
        }
        char[] out = new char[length];
        int at = 0;
        for (int i = 0; i < indices.length; i++) {
            if (i > 0) {
                out[at++] = ' ';
            }
            String word = list.word(indices[i]);
            word.getChars(0, word.length(), out, at);
            at += word.length();
        }
        return out;
    }

    /** The entropy the words encode, in a fresh array the caller wipes. */
    public byte[] entropy() {
        checkLive();
        return entropy.clone();
    }

    /**
     * The 64-byte BIP-39 seed: PBKDF2-HMAC-SHA512 over the NFKD-normalised words with the salt
     * {@code "mnemonic" + NFKD(passphrase)}, 2048 iterations. The passphrase is BIP-39's optional
     * "25th word"; qsctl's own identities use the empty one.
     */
    public byte[] seed(String passphrase) {
        checkLive();
        char[] phrase = phrase();
        byte[] password = utf8(phrase);
        Arrays.fill(phrase, '\0');
        byte[] salt = ("mnemonic" + Normalizer.normalize(passphrase == null ? "" : passphrase, Normalizer.Form.NFKD))
                .getBytes(StandardCharsets.UTF_8);
        PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
        pbkdf2.init(password, salt, PBKDF2_ITERATIONS);
        byte[] seed = ((KeyParameter) pbkdf2.generateDerivedParameters(512)).getKey();
        Arrays.fill(password, (byte) 0);
        return seed;
    }

    @Override
    public void destroy() {
        Arrays.fill(indices, 0);
        Arrays.fill(entropy, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Equal when the entropy is equal (compared in constant time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Mnemonic m && MessageDigest.isEqual(entropy, m.entropy) && !destroyed && !m.destroyed;
    }

    /** Only the length, so hash tables learn nothing about the words. */
    @Override
    public int hashCode() {
        return indices.length;
    }

    @Override
    public String toString() {
        return "Mnemonic[" + indices.length + " words" + (destroyed ? ", destroyed" : "") + "]";
    }

    static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return out;
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("this mnemonic has been destroyed");
        }
    }

    private static void requireWordCount(int words) {
        if (!WORD_COUNTS.contains(words)) {
            throw new IllegalArgumentException("BIP-39 mnemonics have 12, 15, 18, 21 or 24 words, not " + words);
        }
    }

    private static int bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] >>> (7 - bit % 8)) & 1;
    }

    private static int indexBitAt(int[] indices, int bit) {
        return (indices[bit / 11] >>> (10 - bit % 11)) & 1;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
