package io.qsctl.provider.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordListTest {

    /**
     * SHA-256 of bitcoin/bips bip-0039/english.txt (2048 lines, LF, final LF), as published and
     * as widely pinned by BIP-39 implementations.
     */
    static final String OFFICIAL_SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";

    @Test
    void shippedListIsByteForByteTheOfficialBip39EnglishList() throws Exception {
        byte[] bytes;
        try (InputStream in = WordList.class.getResourceAsStream(WordList.RESOURCE)) {
            bytes = in.readAllBytes();
        }
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(hash).isEqualTo(OFFICIAL_SHA256);
    }

    @Test
    void listHas2048SortedUniqueLowerCaseWords() {
        List<String> words = WordList.english().all();
        assertThat(words).hasSize(2048).isSorted().doesNotHaveDuplicates();
        assertThat(words).allMatch(w -> w.matches("[a-z]{3,8}"));
        assertThat(words.get(0)).isEqualTo("abandon");
        assertThat(words.get(2047)).isEqualTo("zoo");
    }

    @Test
    void everyWordIsUniqueInItsFirstFourLetters() {
        Set<String> prefixes = new HashSet<>();
        for (String word : WordList.english().all()) {
            assertThat(prefixes.add(word.substring(0, Math.min(4, word.length())))).as(word).isTrue();
        }
    }

    @Test
    void suggestsTheWordSharingTheFirstFourLetters() {
        assertThat(WordList.english().suggest("abandonn")).contains("abandon");
        assertThat(WordList.english().suggest("zebr")).contains("zebra");
    }

    @Test
    void suggestsByEditDistanceForShortOrMisspeltWords() {
        assertThat(WordList.english().suggest("zoi")).contains("zoo");
        assertThat(WordList.english().suggest("hlelo")).contains("hello");
        assertThat(WordList.english().suggest("xqxqxqxq")).isEmpty();
    }

    @Test
    void indexOfFindsListWordsOnly() {
        assertThat(WordList.english().indexOf("abandon")).isZero();
        assertThat(WordList.english().indexOf("zoo")).isEqualTo(2047);
        assertThat(WordList.english().indexOf("qsctl")).isEqualTo(-1);
    }
}
