package io.qsctl.spec;

import io.qsctl.testing.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, the loader answers with a spec or with positioned problems; it never
 * throws. Mutations of a valid spec reach the deep layers (schema, cross-field rules), random bytes
 * the shallow ones (encoding, syntax). Cases come from {@link RandomCases} (seeded, reproducible
 * with {@code -Dqsctl.test.seed}).
 */
class SpecLoaderRobustnessTest {

    private static final byte[] VALID = SpecLoaderTest.VALID.getBytes(StandardCharsets.UTF_8);
    private static final byte[] REPLACEMENTS = {(byte) ' ', (byte) '\t', (byte) ':', (byte) '-', (byte) '[',
            (byte) '{', (byte) '"', (byte) '&', (byte) '*', (byte) '!', (byte) '\n', (byte) '0', (byte) 'x',
            (byte) 0xC3, (byte) 0xFF, (byte) '#', (byte) '|', (byte) '>'};
    private static final int EDITS = 3;

    /**
     * 2000 specs with 1 to 6 edits each (a byte replaced, inserted or removed). The first cases are
     * the extremes: each replacement byte, inserted and replacing, at the first and the last byte.
     */
    @Test
    void mutatedSpecsAreAnsweredWithASpecOrPositionedProblems() {
        int edgeCases = REPLACEMENTS.length * EDITS * 2;
        RandomCases.check("mutatedSpecsAreAnsweredWithASpecOrPositionedProblems", 2000, (random, i) -> {
            byte[] bytes;
            if (i < edgeCases) {
                int at = i % 2 == 0 ? 0 : VALID.length - 1;
                int kind = i / 2 % EDITS;
                byte with = REPLACEMENTS[i / 2 / EDITS];
                bytes = mutate(new int[][] {{at, with, kind}});
            } else {
                bytes = mutate(randomEdits(random));
            }
            assertAnswered(bytes);
        });
    }

    /**
     * 500 arrays of 0 to 255 bytes (the empty array, single bytes and the extremes included) plain,
     * from a few edge bytes, all zero or all 0xFF.
     */
    @Test
    void randomBytesAreAnsweredWithPositionedProblems() {
        byte[][] edges = {{}, {0}, {(byte) 0xFF}, {(byte) 0x80}, {0x7F}, {'\n'}, {'\r'},
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xC3}, {(byte) 0xFE, (byte) 0xFF}, {'-', '-', '-'},
                {':'}, {'['}, {'{'}, {'"'}};
        RandomCases.check("randomBytesAreAnsweredWithPositionedProblems", 500, (random, i) ->
                assertAnswered(i < edges.length ? edges[i] : RandomCases.bytes(random, 0, 255)));
    }

    private static void assertAnswered(byte[] bytes) {
        SpecLoader.Result result = SpecLoader.check(SpecSource.of("fuzz.yaml", bytes));
        assertThat(result.valid()).isEqualTo(result.cluster().isPresent());
        for (SpecProblem problem : result.problems()) {
            assertThat(problem.file()).isEqualTo("fuzz.yaml");
            assertThat(problem.position().line()).isPositive();
            assertThat(problem.message()).isNotBlank();
        }
    }

    /** One to six edits: {position, byte, kind}, kind 0 replaces, 1 inserts, 2 removes. */
    private static int[][] randomEdits(Random random) {
        int[][] edits = new int[RandomCases.between(random, 1, 6)][];
        for (int e = 0; e < edits.length; e++) {
            edits[e] = new int[] {RandomCases.between(random, 0, VALID.length - 1),
                    REPLACEMENTS[random.nextInt(REPLACEMENTS.length)], random.nextInt(EDITS)};
        }
        return edits;
    }

    private static byte[] mutate(int[][] edits) {
        byte[] out = VALID.clone();
        for (int[] e : edits) {
            int at = Math.min(e[0], out.length - 1);
            switch (e[2]) {
                case 0 -> out[at] = (byte) e[1];
                case 1 -> out = splice(out, at, new byte[] {(byte) e[1]}, 0);
                default -> out = splice(out, at, new byte[0], 1);
            }
            if (out.length == 0) {
                break;
            }
        }
        return out;
    }

    private static byte[] splice(byte[] in, int at, byte[] insert, int remove) {
        int removed = Math.min(remove, in.length - at);
        byte[] out = new byte[in.length - removed + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + removed, out, at + insert.length, in.length - at - removed);
        return out;
    }
}
