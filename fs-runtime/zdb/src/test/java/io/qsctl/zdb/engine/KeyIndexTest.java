package io.qsctl.zdb.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyIndexTest {

    @Test
    void removingTheNewestEntriesLeavesEveryOtherKeyFindableAndTheirSlotsReusable() {
        KeyIndex keys = new KeyIndex();
        // enough keys for the table to grow and for probe runs to wrap around its end
        int kept = 3000;
        int removed = 500;
        for (int i = 0; i < kept + removed; i++) {
            int e = keys.insert(key(i), 0, key(i).length);
            keys.update(e, i, i, i, i, i, i % 7 == 0);
        }
        for (int i = kept + removed - 1; i >= kept; i--) {
            keys.removeNewest(keys.find(key(i), 0, key(i).length));
        }

        assertThat(keys.entries()).isEqualTo(kept);
        assertThat(keys.live()).isEqualTo(kept - (kept + 6) / 7);
        for (int i = 0; i < kept; i++) {
            int e = keys.find(key(i), 0, key(i).length);
            assertThat(e).as("key %d", i).isEqualTo(i);
            assertThat(keys.key(e)).isEqualTo(key(i));
            assertThat(keys.length(e)).isEqualTo(i);
        }
        for (int i = kept; i < kept + removed; i++) {
            assertThat(keys.find(key(i), 0, key(i).length)).as("removed key %d", i).isEqualTo(-1);
        }
        int again = keys.insert(key(kept + 1), 0, key(kept + 1).length);
        assertThat(again).isEqualTo(kept);
        assertThat(keys.key(again)).isEqualTo(key(kept + 1));
        assertThat(keys.find(key(kept + 1), 0, key(kept + 1).length)).isEqualTo(kept);
    }

    @Test
    void onlyTheNewestEntryCanBeRemoved() {
        KeyIndex keys = new KeyIndex();
        keys.insert(key(1), 0, key(1).length);
        keys.insert(key(2), 0, key(2).length);
        assertThatThrownBy(() -> keys.removeNewest(0)).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(UTF_8);
    }
}
