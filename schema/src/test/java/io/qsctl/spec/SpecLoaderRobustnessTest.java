package io.qsctl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes arrive, the loader answers with a spec or with positioned problems; it never
 * throws. Mutations of a valid spec reach the deep layers (schema, cross-field rules), random bytes
 * the shallow ones (encoding, syntax).
 */
class SpecLoaderRobustnessTest {

    private static final byte[] VALID = SpecLoaderTest.VALID.getBytes(StandardCharsets.UTF_8);

    @Property(tries = 2000)
    void mutatedSpecsAreAnsweredWithASpecOrPositionedProblems(@ForAll("mutations") byte[] bytes) {
        assertAnswered(bytes);
    }

    @Property(tries = 500)
    void randomBytesAreAnsweredWithPositionedProblems(@ForAll byte[] bytes) {
        assertAnswered(bytes);
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

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, VALID.length - 1);
        Arbitrary<Byte> replacements = Arbitraries.of((byte) ' ', (byte) '\t', (byte) ':', (byte) '-', (byte) '[',
                (byte) '{', (byte) '"', (byte) '&', (byte) '*', (byte) '!', (byte) '\n', (byte) '0', (byte) 'x',
                (byte) 0xC3, (byte) 0xFF, (byte) '#', (byte) '|', (byte) '>');
        Arbitrary<int[]> edit = Combinators.combine(positions, replacements, Arbitraries.integers().between(0, 2))
                .as((at, with, kind) -> new int[] {at, with, kind});
        return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
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
        });
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
