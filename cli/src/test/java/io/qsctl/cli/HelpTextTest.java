package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.help.WrappingHelp;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine;

/**
 * Every help page of the whole command tree, rendered as a user sees it at 80 and 200 columns:
 * no line wider than that, no word or path cut across two lines, no summary in a command list cut
 * short, no JVM warning; and the texts behind it written as paragraphs, not pre-broken lines.
 */
class HelpTextTest {

    private static final int[] WIDTHS = {80, 200};
    /** So wide that nothing wraps: every word as written. */
    private static final int UNWRAPPED = 10_000;
    private static final Pattern SENTENCE_INSIDE = Pattern.compile("[.!?]\\s+[A-Z`]");

    private static List<CommandLine> commands(Map<String, String> env) {
        List<CommandLine> all = new ArrayList<>();
        CliTest.everyCommand(Cli.commandLine(new CliContext(env, InputStream.nullInputStream(), false)), all);
        return all;
    }

    private static Map<String, String> page(int width) {
        Map<String, String> pages = new java.util.TreeMap<>();
        for (CommandLine command : commands(Map.of("COLUMNS", Integer.toString(width)))) {
            pages.put(command.getCommandSpec().qualifiedName(), command.getUsageMessage(Ansi.OFF));
        }
        return pages;
    }

    @Test
    void noLineOfAnyHelpPageIsWiderThanTheTerminalAndNoneIsAJvmWarning() {
        for (int width : WIDTHS) {
            page(width).forEach((command, text) -> {
                assertThat(text.lines()).as("%s --help at %d columns", command, width)
                        .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(width))
                        .noneMatch(line -> line.startsWith("WARNING:"));
            });
        }
        assertThat(page(200).values()).as("200 columns are used").anyMatch(text -> text.lines().anyMatch(l -> l.length() > 100));
    }

    @Test
    void noWordOrPathIsCutAcrossTwoLines() {
        Map<String, String> unwrapped = page(UNWRAPPED);
        for (int width : WIDTHS) {
            page(width).forEach((command, text) -> {
                Set<String> whole = words(unwrapped.get(command));
                assertThat(words(text)).as("words of %s --help at %d columns that are not words of it unwrapped", command,
                        width).isSubsetOf(whole);
            });
        }
        assertThat(page(80).get("qsctl")).as("a path that Java's line breaker would cut after '~/.'")
                .contains("~/.local/state/qsctl");
    }

    @Test
    void everyCommandListShowsEachCommandsWholeOneSentenceSummary() {
        for (int width : WIDTHS) {
            Map<String, String> pages = page(width);
            for (CommandLine command : commands(Map.of("COLUMNS", Integer.toString(width)))) {
                String flat = flat(pages.get(command.getCommandSpec().qualifiedName()));
                command.getSubcommands().forEach((name, sub) -> {
                    String summary = WrappingHelp.summary(sub.getCommandSpec().usageMessage());
                    assertThat(summary).as("summary of %s", sub.getCommandSpec().qualifiedName()).endsWith(".")
                            .doesNotContainPattern(SENTENCE_INSIDE);
                    assertThat(flat).as("%s --help at %d columns lists %s", command.getCommandSpec().qualifiedName(), width,
                            name).contains(name + " " + flat(summary));
                });
            }
        }
        assertThat(flat(page(80).get("qsctl"))).contains("apply Make the grid match storage.yaml: plan, show, ask, then"
                + " reserve, sign and pay.");
    }

    @Test
    void helpTextsAreWrittenAsParagraphsNotAsLinesBrokenByHand() {
        for (CommandLine command : commands(Map.of())) {
            CommandSpec spec = command.getCommandSpec();
            UsageMessageSpec usage = spec.usageMessage();
            List<String[]> texts = new ArrayList<>(List.of(usage.header(), usage.description(), usage.footer()));
            Stream.concat(spec.options().stream(), spec.positionalParameters().stream()).map(ArgSpec::description)
                    .forEach(texts::add);
            for (String[] text : texts) {
                for (int i = 0; i < text.length - 1; i++) {
                    String element = text[i];
                    assertThat(element.isBlank() || element.startsWith("  ") || element.matches("(?s).*[.:!?]\\)?"))
                            .as("%s: '%s' is followed by '%s': a paragraph broken by hand?", spec.qualifiedName(), element,
                                    text[i + 1]).isTrue();
                }
            }
        }
    }

    @Test
    void columnsSetsTheWidthAndWithoutItAndATerminalHelpIs80Wide() {
        String at120 = commands(Map.of("COLUMNS", "120")).get(0).getUsageMessage(Ansi.OFF);
        assertThat(at120.lines().mapToInt(String::length).max().orElseThrow()).isBetween(81, 120);
        String plain = commands(Map.of()).get(0).getUsageMessage(Ansi.OFF);
        assertThat(plain.lines().mapToInt(String::length).max().orElseThrow()).isBetween(70, 80);
        String narrow = commands(Map.of("COLUMNS", "20")).get(0).getUsageMessage(Ansi.OFF);
        assertThat(narrow.lines().mapToInt(String::length).max().orElseThrow()).as("picocli's least, 55").isLessThanOrEqualTo(55);
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.trim().split("\\s+")));
    }

    private static String flat(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }
}
