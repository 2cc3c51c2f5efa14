package io.qsctl.provider.identity;

import io.qsctl.testing.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MnemonicTest {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * English vectors of Trezor's python-mnemonic vectors.json (entropy, mnemonic, seed with the
     * passphrase "TREZOR"). The seeds were recomputed with Python's hashlib PBKDF2 and match the
     * copies in many independent implementations.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        00000000000000000000000000000000 | abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about | c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04
        7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f | legal winner thank year wave sausage worth useful legal winner thank yellow | 2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607
        000000000000000000000000000000000000000000000000 | abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon agent | 035895f2f481b1b0f01fcf8c289c794660b289981a78f8106447707fdd9666ca06da5a9a565181599b79f53b844d8a71dd9f439c52a3d7b3e8a79c906ac845fa
        0000000000000000000000000000000000000000000000000000000000000000 | abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art | bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8
        ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff | zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote | dd48c104698c30cfe2b6142103248622fb7bb0ff692eebb00089b32d22484e1613912f0a5b694407be899ffd31ed3992c456cdf60f5d4564b8ba3f05a69890ad
        9e885d952ad362caeb4efe34a8e91bd2 | ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic | 274ddc525802f7c828d8ef7ddbcdc5304e87ac3535913611fbbfa986d0c9e5476c91689f9c8a54fd55bd38606aa6a8595ad213d4c9c9f9aca3fb217069a41028
        0ce452419635c1a5faf44d60f2029f73fdc43419b4de1f03 | artefact card motor cluster foster spray type meadow genius mosquito pond tree sword borrow grocery orange business burger | 378b20cc763e0c535514cd2dda75dfd3edfb3c3a09f2a2b096bce82d14ea61837249797dc74b5dc0a5ec24f9c8fb244631447856b4a4a01322ca84d1574dfeb5
        89bb4bc5555992cdaf3444c5e7ca5a6e9f27efab894f1990bae41be8b2a26ea4 | meadow surge vanish primary odor grocery rubber mass shine dinner notable tag venue water purchase clarify book magic ribbon daughter menu eye ritual orchard | edfc11f0974c6402afca74031166da1b5d5b3622e391b2ea163e32df77125f06392fc7f437cb62527eb9818e4cb3af5e918729d91f4f239b387343a88acc1267
        """)
    void officialVectorsMapEntropyToWordsToSeed(String entropy, String words, String seed) {
        Mnemonic fromEntropy = Mnemonic.fromEntropy(HEX.parseHex(entropy));
        assertThat(String.join(" ", fromEntropy.words())).isEqualTo(words);

        Mnemonic parsed = Mnemonic.parse(words);
        assertThat(HEX.formatHex(parsed.entropy())).isEqualTo(entropy);
        assertThat(HEX.formatHex(parsed.seed("TREZOR"))).isEqualTo(seed);
    }

    @Test
    void seedWithoutPassphraseIsTheStandardEmptyPassphraseSeed() {
        Mnemonic m = Mnemonic.fromEntropy(new byte[32]);
        assertThat(HEX.formatHex(m.seed(""))).isEqualTo("408b285c123836004f4b8842c89324c1f01382450c0d439af345ba7fc49acf70"
                + "5489c6fc77dbd4e3dc1dd8cc6bc9f043db8ada1e243c4a0eafb290d399480840");
        assertThat(m.seed(null)).isEqualTo(m.seed(""));
    }

    @Test
    void generatesTwentyFourWordsOf256BitsByDefault() {
        Mnemonic m = Mnemonic.generate();
        assertThat(m.wordCount()).isEqualTo(24);
        assertThat(m.entropy()).hasSize(32);
        assertThat(Mnemonic.parse(new String(m.phrase()))).isEqualTo(m);
        assertThat(Mnemonic.generate()).isNotEqualTo(m);
    }

    /**
     * 200 mnemonics: first each word count with all-zero, all-one and alternating entropy, then each
     * word count in turn generated from a seeded SHA1PRNG (which, seeded before first use, gives the
     * same bytes for the same seed, so a failure can be replayed).
     */
    @Test
    void everyGeneratedMnemonicParsesBackToItsEntropy() {
        byte[] fills = {0, (byte) 0xFF, 0x55, (byte) 0xAA};
        int counts = Mnemonic.WORD_COUNTS.size();
        RandomCases.check("everyGeneratedMnemonicParsesBackToItsEntropy", 200, (random, i) -> {
            int words = Mnemonic.WORD_COUNTS.get(i % counts);
            Mnemonic m;
            if (i < counts * fills.length) {
                byte[] entropy = new byte[words * 4 / 3];
                Arrays.fill(entropy, fills[i / counts]);
                m = Mnemonic.fromEntropy(entropy);
                assertThat(m.entropy()).isEqualTo(entropy);
            } else {
                m = Mnemonic.generate(seeded(random.nextLong()), words);
            }
            assertThat(m.wordCount()).isEqualTo(words);
            assertThat(m.entropy()).hasSize(words * 4 / 3);
            assertThat(Mnemonic.parse(String.join(" ", m.words())).entropy()).isEqualTo(m.entropy());
        });
    }

    private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        return random;
    }

    @Test
    void readsWordsAsPeopleWriteThem() {
        Mnemonic m = Mnemonic.parse("  Legal WINNER thank\tyear\nwave sausage worth useful legal\u3000winner thank yellow \n");
        assertThat(HEX.formatHex(m.entropy())).isEqualTo("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f");
    }

    @Test
    void refusesAWrongWordCountSayingHowManyThereAre() {
        assertThatThrownBy(() -> Mnemonic.parse("abandon abandon abandon"))
                .isInstanceOf(QsctlException.class)
                .hasMessageContaining("12, 15, 18, 21 or 24 words; this one has 3");
        assertThatThrownBy(() -> Mnemonic.parse("  "))
                .hasMessageContaining("empty");
    }

    @Test
    void refusesAnUnknownWordNamingItsPositionAndTheLikelyWordButNotWhatWasTyped() {
        assertThatThrownBy(() -> Mnemonic.parse("legal winner thank year wave sausage worht useful legal winner thank yellow"))
                .isInstanceOfSatisfying(QsctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ERROR))
                .hasMessage("word 7 of the mnemonic is not in the BIP-39 English word list; did you mean 'worth'?")
                .message().doesNotContain("worht");
    }

    @Test
    void refusesABadChecksum() {
        assertThatThrownBy(() -> Mnemonic.parse("legal winner thank year wave sausage worth useful legal winner yellow thank"))
                .isInstanceOf(QsctlException.class)
                .hasMessageContaining("checksum does not match");
        assertThatThrownBy(() -> Mnemonic.parse(("abandon ".repeat(24)).strip()))
                .hasMessageContaining("checksum does not match");
    }

    @Test
    void refusesEntropyOfAnInvalidLength() {
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Mnemonic.generate(new SecureRandom(), 13)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsOnlyTheWordCount() {
        Mnemonic m = Mnemonic.parse("legal winner thank year wave sausage worth useful legal winner thank yellow");
        assertThat(m.toString()).isEqualTo("Mnemonic[12 words]");
    }

    @Test
    void destroyWipesTheWordsAndRefusesFurtherUse() {
        Mnemonic m = Mnemonic.generate();
        m.destroy();
        assertThat(m.isDestroyed()).isTrue();
        assertThat(m.toString()).contains("destroyed");
        assertThatThrownBy(m::phrase).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> m.seed("")).isInstanceOf(IllegalStateException.class);
    }
}
