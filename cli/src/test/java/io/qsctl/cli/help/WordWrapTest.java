package io.qsctl.cli.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordWrapTest {

    private static List<String> wrap(String text, int first, int next) {
        return WordWrap.lines(text, first, next).stream().map(s -> text.substring(s.start(), s.end())).toList();
    }

    @Test
    void linesBreakAtSpacesOnlyAndFillAsFarAsWholeWordsAllow() {
        assertThat(wrap("default $XDG_STATE_HOME/qsctl, else ~/.local/state/qsctl).", 30, 30))
                .containsExactly("default $XDG_STATE_HOME/qsctl,", "else ~/.local/state/qsctl).");
        assertThat(wrap("see docs/cli.md e.g. here", 12, 12)).containsExactly("see", "docs/cli.md", "e.g. here");
    }

    @Test
    void aLineThatFitsIsLeftAlone() {
        assertThat(wrap("  0    success", 20, 20)).containsExactly("  0    success");
        assertThat(wrap("exactly ten", 11, 5)).containsExactly("exactly ten");
    }

    @Test
    void aWordLongerThanTheWidthGetsALineOfItsOwnUncut() {
        assertThat(wrap("a --add-modules=jdk.incubator.vector b", 10, 10))
                .containsExactly("a", "--add-modules=jdk.incubator.vector", "b");
    }

    @Test
    void theFirstLineKeepsItsIndentationAndTheOthersGetTheWidthLeftUnderIt() {
        assertThat(wrap("  KEY    one two three four", 16, 7)).containsExactly("  KEY    one two", "three", "four");
        assertThat(WordWrap.hangingIndent("  KEY    one two three four")).isEqualTo(9);
        assertThat(WordWrap.hangingIndent("  just indented text")).isEqualTo(2);
        assertThat(WordWrap.hangingIndent("prose, not indented")).isZero();
    }
}
