package io.qsctl.provider.identity;

import io.qsctl.common.EditDistance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The BIP-39 English word list (2048 words, sorted, unique in their first four letters), shipped
 * unmodified as {@code bip39-english.txt} beside this class.
 */
final class WordList {

    static final String RESOURCE = "bip39-english.txt";
    static final int SIZE = 2048;

    private static final WordList ENGLISH = load();

    private final String[] words;

    private WordList(String[] words) {
        this.words = words;
    }

    static WordList english() {
        return ENGLISH;
    }

    String word(int index) {
        return words[index];
    }

    List<String> all() {
        return List.of(words);
    }

    /** The word's index, or -1 when it is not in the list. */
    int indexOf(String word) {
        int found = Arrays.binarySearch(words, word);
        return found >= 0 ? found : -1;
    }

    /**
     * The list word the user most likely meant: the only one sharing the first four letters
     * (BIP-39 guarantees that prefix is unique), else the nearest by edit distance if it is at
     * most two edits away.
     */
    Optional<String> suggest(String typed) {
        if (typed.length() >= 4) {
            String prefix = typed.substring(0, 4);
            for (String word : words) {
                if (word.startsWith(prefix)) {
                    return Optional.of(word);
                }
            }
        }
        String best = null;
        int bestDistance = 3;
        for (String word : words) {
            int distance = EditDistance.between(typed, word, bestDistance);
            if (distance < bestDistance) {
                best = word;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static WordList load() {
        try (InputStream in = WordList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the BIP-39 word list " + RESOURCE + " is missing from the build");
            }
            String[] words = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            if (words.length != SIZE) {
                throw new IllegalStateException("the BIP-39 word list has " + words.length + " words, not " + SIZE);
            }
            return new WordList(words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BIP-39 word list", e);
        }
    }
}
