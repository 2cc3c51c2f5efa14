package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.common.QsctlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No mnemonic word reaches a {@code toString}, an exception message or the identity file. Every
 * text qsctl produces while handling a mnemonic is collected, and the list words in it are
 * compared with the words of the mnemonic; words that our own message templates use show up for
 * any mnemonic, so they are learnt from a second, disjoint mnemonic and set aside.
 */
class SecretLeakTest {

    @TempDir
    Path dir;

    @Test
    void noWordOfTheMnemonicAppearsInAnyTextWeProduce() throws Exception {
        for (int round = 0; round < 8; round++) {
            Mnemonic secret = Mnemonic.generate();
            Mnemonic other = disjointFrom(secret);
            Set<String> template = listWordsIn(textsFor(other, dir.resolve("template-" + round)));
            List<String> texts = textsFor(secret, dir.resolve("leak-" + round));
            Set<String> leaked = listWordsIn(texts);
            leaked.retainAll(secret.words());
            leaked.removeAll(template);
            assertThat(leaked).as("mnemonic words found in: %s", texts).isEmpty();
        }
    }

    @Test
    void anUnknownWordIsNeverRepeatedBackAndTheFileHoldsNoWords() throws Exception {
        Mnemonic secret = Mnemonic.generate();
        List<String> words = new ArrayList<>(secret.words());
        words.set(3, words.get(3) + "x");
        String message = messageOf(() -> Mnemonic.parse(String.join(" ", words)));
        assertThat(message).doesNotContain(words.get(3)).contains("word 4 of the mnemonic is not in the BIP-39");

        Path file = dir.resolve("identity.json");
        IdentityStoreTest.fastStore(file).importMnemonic(secret, "pw".toCharArray());
        String content = Files.readString(file);
        List<String> real = secret.words();
        for (int i = 0; i + 1 < real.size(); i++) {
            assertThat(content).doesNotContain(real.get(i) + " " + real.get(i + 1));
        }
    }

    /** Everything printable that handling {@code m} produces: toStrings and error messages. */
    private List<String> textsFor(Mnemonic m, Path where) throws Exception {
        List<String> texts = new ArrayList<>();
        List<String> words = m.words();
        texts.add(m.toString());
        MnemonicIdentity identity = MnemonicIdentity.of(m);
        texts.add(identity.toString());
        texts.add(identity.accountSigner().toString());
        texts.add(KeyDerivation.ofMnemonicSeed(m.seed("")).toString());

        List<String> swapped = badChecksum(words);
        texts.add(messageOf(() -> Mnemonic.parse(String.join(" ", swapped))));
        texts.add(messageOf(() -> Mnemonic.parse(String.join(" ", words.subList(0, 23)))));
        texts.add(messageOf(() -> Mnemonic.parse(String.join(" ", words) + " " + words.get(0))));

        IdentityStore store = IdentityStoreTest.fastStore(where.resolve("identity.json"));
        store.importMnemonic(m, "pw".toCharArray());
        texts.add(store.toString());
        texts.add(messageOf(() -> store.unlock("wrong".toCharArray())));
        texts.add(messageOf(() -> store.importMnemonic(m, "pw".toCharArray())));

        Map<String, String> env = new HashMap<>();
        env.put("QSCTL_MNEMONIC", String.join(" ", swapped));
        texts.add(messageOf(() -> new IdentitySource(env, store, PassphrasePrompt.none()).require()));
        Path wordsFile = where.resolve("words.txt");
        Files.writeString(wordsFile, String.join(" ", words.subList(0, 23)));
        env.clear();
        env.put("QSCTL_MNEMONIC_FILE", wordsFile.toString());
        texts.add(messageOf(() -> new IdentitySource(env, store, PassphrasePrompt.none()).require()));
        env.clear();
        env.put("QSCTL_MNEMONIC", String.join(" ", words));
        ResolvedIdentity resolved = new IdentitySource(env, store, f -> Optional.empty()).require();
        texts.add(resolved.toString());
        return texts;
    }

    /** The words with two of them swapped (or, if that still checks out, the last one changed). */
    private static List<String> badChecksum(List<String> words) {
        List<String> out = new ArrayList<>(words);
        Collections.swap(out, 0, 1);
        int next = WordList.english().indexOf(words.get(23));
        while (out.equals(words) || checksumHolds(out)) {
            next = (next + 1) % WordList.SIZE;
            out.set(23, WordList.english().word(next));
        }
        return out;
    }

    private static boolean checksumHolds(List<String> words) {
        try {
            Mnemonic.parse(String.join(" ", words));
            return true;
        } catch (QsctlException e) {
            return false;
        }
    }

    private static String messageOf(Runnable action) {
        try {
            action.run();
        } catch (QsctlException | IllegalArgumentException | IllegalStateException e) {
            StringBuilder all = new StringBuilder(e.toString());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                all.append(" / ").append(cause);
            }
            return all.toString();
        }
        throw new AssertionError("expected an error from " + action);
    }

    private static Mnemonic disjointFrom(Mnemonic m) {
        while (true) {
            Mnemonic candidate = Mnemonic.generate();
            if (Collections.disjoint(candidate.words(), m.words())) {
                return candidate;
            }
        }
    }

    private static Set<String> listWordsIn(List<String> texts) {
        Set<String> found = new HashSet<>();
        for (String text : texts) {
            // split on what is neither letter nor digit: "fee" inside a hex key (6431fee17...) is
            // not a word, and a word written out stands between spaces or punctuation
            Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+"))
                    .filter(token -> WordList.english().indexOf(token) >= 0)
                    .forEach(found::add);
        }
        return found;
    }
}
