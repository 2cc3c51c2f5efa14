package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.QsctlException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RecordCipherTest {

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    private final RecordCipher cipher = new RecordCipher(MetaKeys.derive(key(1)), new SecureRandom());

    @Test
    void aSealedRecordOpensUnderTheSameIdAndGeneration() {
        byte[] sealed = cipher.seal("a1b2", 7, "segment description".getBytes(UTF_8));

        assertThat(sealed).hasSize("segment description".length() + RecordCipher.OVERHEAD);
        assertThat(new String(cipher.open("a1b2", 7, sealed), UTF_8)).isEqualTo("segment description");
    }

    @Test
    void twoSealsOfTheSameRecordDifferBecauseTheNonceIsRandom() {
        byte[] record = new byte[100];
        assertThat(cipher.seal("id", 1, record)).isNotEqualTo(cipher.seal("id", 1, record));
    }

    @Test
    void anotherIdAnotherGenerationOrAnotherKeyIsRefused() {
        byte[] sealed = cipher.seal("a1b2", 7, new byte[10]);
        RecordCipher other = new RecordCipher(MetaKeys.derive(key(2)), new SecureRandom());

        assertThatThrownBy(() -> cipher.open("a1b3", 7, sealed)).isInstanceOf(QsctlException.class)
                .hasMessageContaining("does not decrypt under this metadata key");
        assertThatThrownBy(() -> cipher.open("a1b2", 6, sealed)).isInstanceOf(QsctlException.class);
        assertThatThrownBy(() -> other.open("a1b2", 7, sealed)).isInstanceOf(QsctlException.class);
        assertThatThrownBy(() -> cipher.open("a1b2", 7, new byte[5])).isInstanceOf(QsctlException.class);
    }

    @Test
    void theKeysSayNothingInTheirDescription() {
        assertThat(MetaKeys.derive(key(1)).toString()).isEqualTo("MetaKeys[***]");
    }
}
