package io.qsctl.provider.identity;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.identity.IdentityFile.ScryptCost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Where the user's mnemonic lives between runs: one JSON file holding the mnemonic encrypted with
 * AES-256-GCM under a key that scrypt derives from the user's passphrase, with the account public
 * key beside it in clear so commands can show the account without asking for the passphrase.
 * Written owner-only (0600) and atomically. The file format is in docs/identity.md.
 *
 * <p>The passphrase arrays passed in belong to the caller, who wipes them; everything derived
 * from them here is wiped before returning. Not safe for two processes creating the same file at
 * once (the second is refused if the first finished; a true race leaves one of the two).
 */
public final class IdentityStore {

    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final ScryptCost cost;
    private final SecureRandom random;
    private final Clock clock;

    /** A store in {@code file} (which need not exist yet). */
    public IdentityStore(Path file) {
        this(file, ScryptCost.DEFAULT, new SecureRandom(), Clock.systemUTC());
    }

    IdentityStore(Path file, ScryptCost cost, SecureRandom random, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.cost = cost;
        this.random = random;
        this.clock = clock;
    }

    /**
     * The conventional place: {@code $XDG_CONFIG_HOME/qsctl/identity.json} when that variable is
     * an absolute path, else {@code <home>/.config/qsctl/identity.json}.
     */
    public static Path defaultPath(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("qsctl").resolve("identity.json");
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The account's public key, read from the file's header: no passphrase needed. */
    public String publicKeyHex() {
        return read().publicKey();
    }

    /**
     * Generates a new 24-word mnemonic, stores it under {@code passphrase} and returns it: the
     * only moment its words can be shown without the passphrase. Refuses to replace an identity.
     */
    public Mnemonic create(char[] passphrase) {
        Mnemonic mnemonic = Mnemonic.generate(random, Mnemonic.DEFAULT_WORDS);
        importMnemonic(mnemonic, passphrase);
        return mnemonic;
    }

    /** Stores an existing mnemonic under {@code passphrase}. Refuses to replace an identity. */
    public void importMnemonic(Mnemonic mnemonic, char[] passphrase) {
        requirePassphrase(passphrase);
        if (Files.exists(file)) {
            throw QsctlException.invalidInput("an identity is already stored in " + file
                    + "; qsctl never overwrites one: move it away first if you really mean to replace it");
        }
        MnemonicIdentity identity = MnemonicIdentity.of(mnemonic);
        String publicKey = identity.accountPublicKeyHex();
        identity.destroy();
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] nonce = randomBytes(NONCE_BYTES);
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        IdentityFile header = new IdentityFile(IdentityFile.VERSION, cost, salt, nonce, new byte[0], publicKey, created);
        char[] phrase = mnemonic.phrase();
        byte[] plain = Mnemonic.utf8(phrase);
        Arrays.fill(phrase, '\0');
        byte[] key = kdf(passphrase, salt, cost);
        try {
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, key, nonce, header.aad(), plain);
            IdentityFile sealed = new IdentityFile(IdentityFile.VERSION, cost, salt, nonce, ciphertext, publicKey, created);
            DurableFiles.ensurePrivateDirectory(file.toAbsolutePath().getParent());
            DurableFiles.replace(file, sealed.toJson(), Access.OWNER_ONLY);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("encryption cannot fail authentication", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the identity file " + file, e);
        } finally {
            Arrays.fill(plain, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The stored identity; a wrong passphrase is a clear error (exit code 1). */
    public MnemonicIdentity unlock(char[] passphrase) {
        Mnemonic mnemonic = mnemonic(passphrase);
        try {
            MnemonicIdentity identity = MnemonicIdentity.of(mnemonic);
            if (!identity.accountPublicKeyHex().equals(read().publicKey())) {
                identity.destroy();
                throw IdentityFile.damaged(file, "its public key does not belong to the mnemonic it holds");
            }
            return identity;
        } finally {
            mnemonic.destroy();
        }
    }

    /** The stored mnemonic itself, to show it again or to move it; the caller destroys it. */
    public Mnemonic mnemonic(char[] passphrase) {
        requirePassphrase(passphrase);
        IdentityFile sealed = read();
        byte[] key = kdf(passphrase, sealed.salt(), sealed.cost());
        byte[] plain = null;
        char[] phrase = null;
        try {
            plain = gcm(Cipher.DECRYPT_MODE, key, sealed.nonce(), sealed.aad(), sealed.ciphertext());
            phrase = decodeUtf8(plain);
            return Mnemonic.parse(CharBuffer.wrap(phrase));
        } catch (AEADBadTagException e) {
            throw QsctlException.invalidInput("wrong passphrase for the identity in " + file
                    + " (or the file was changed: it no longer matches its own header)");
        } finally {
            Arrays.fill(key, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
            if (phrase != null) {
                Arrays.fill(phrase, '\0');
            }
        }
    }

    private IdentityFile read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw QsctlException.invalidInput("no identity is stored in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identity file " + file, e);
        }
        return IdentityFile.parse(bytes, file);
    }

    private static void requirePassphrase(char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw QsctlException.invalidInput("the identity file needs a non-empty passphrase");
        }
    }

    private byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    private static byte[] kdf(char[] passphrase, byte[] salt, ScryptCost cost) {
        byte[] password = Mnemonic.utf8(passphrase);
        try {
            return SCrypt.generate(password, salt, cost.n(), cost.r(), cost.p(), 32);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private char[] decodeUtf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw IdentityFile.damaged(file, "the decrypted mnemonic is not UTF-8");
        }
    }

    @Override
    public String toString() {
        return "IdentityStore[" + file + "]";
    }
}
