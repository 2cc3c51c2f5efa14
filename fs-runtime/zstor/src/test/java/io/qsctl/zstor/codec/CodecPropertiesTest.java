package io.qsctl.zstor.codec;

import io.qsctl.testing.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The codec against {@link GfReference}, for random codes (1 to 64 data shards, 1 to 64 parity
 * shards), random shard sizes and offsets, and random erasures, with every kernel this JVM has. The
 * surefire configuration adds the vector module, so the vector kernel must be present here.
 *
 * <p>Cases come from {@link RandomCases}: seeded (a failure names the seed and the case, and
 * {@code -Dqsctl.test.seed} replays it), and each property starts with its corners (1 and 64 data
 * and parity shards with every edge size) before the random cases, whose parameters are biased
 * towards the same edges.
 */
class CodecPropertiesTest {

    private static final Map<Integer, int[][]> MATRICES = new ConcurrentHashMap<>();
    private static final byte GARBAGE = (byte) 0xA5;

    private static List<GfKernel> kernels() {
        return List.of(GfKernels.scalar(), GfKernels.vector().orElseThrow(
                () -> new AssertionError("tests run with --add-modules=jdk.incubator.vector; the vector kernel must load")));
    }

    private static int[][] matrix(int data, int parity) {
        return MATRICES.computeIfAbsent(data * 1000 + parity, key -> GfReference.encodingMatrix(data, parity));
    }

    private static final int MAX_SIZE = 3 * VectorKernel.stepBytes() + 100;

    /**
     * Sizes around the vector kernel's lanes and step (where it hands the rest to the scalar tail),
     * tiny and odd sizes, and the largest size drawn.
     */
    private static final int[] EDGE_SIZES = edgeSizes();

    /** The four corners of the codes drawn: {data, parity}. */
    private static final int[][] CORNERS = {{1, 1}, {1, 64}, {64, 1}, {64, 64}};

    private static int[] edgeSizes() {
        int step = VectorKernel.stepBytes();
        int lanes = step / VectorKernel.UNROLL;
        TreeSet<Integer> sizes = new TreeSet<>(List.of(0, 1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65,
                lanes - 1, lanes, lanes + 1, step - 1, step, step + 1, 2 * step - 1, 2 * step, 2 * step + 1,
                2 * step + 63, 3 * step - 1, 3 * step, MAX_SIZE));
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One time in four an edge size, else any size from 0 to a little over three steps. */
    private static int shardSize(Random random) {
        return random.nextInt(4) == 0 ? EDGE_SIZES[random.nextInt(EDGE_SIZES.length)] : random.nextInt(MAX_SIZE + 1);
    }

    /** A code, a shard size and an offset: the corners with every edge size first, then random ones. */
    private record Code(int data, int parity, int size, int offset) {
        static int corners() {
            return CORNERS.length * EDGE_SIZES.length;
        }

        static Code of(Random random, int i) {
            if (i < corners()) {
                int[] corner = CORNERS[i % CORNERS.length];
                int offset = i / CORNERS.length % 2 == 0 ? 0 : 40;
                return new Code(corner[0], corner[1], EDGE_SIZES[i / CORNERS.length], offset);
            }
            return new Code(RandomCases.between(random, 1, 64), RandomCases.between(random, 1, 64),
                    shardSize(random), RandomCases.between(random, 0, 40));
        }

        @Override
        public String toString() {
            return data + "+" + parity + ", " + size + " bytes at " + offset;
        }
    }

    /** Random data shards of {@code offset + size + slack} bytes; parity shards filled with garbage. */
    private static byte[][] shards(int data, int parity, int offset, int size, Random random) {
        byte[][] shards = new byte[data + parity][offset + size + 7];
        for (int i = 0; i < data + parity; i++) {
            if (i < data) {
                random.nextBytes(shards[i]);
            } else {
                Arrays.fill(shards[i], GARBAGE);
            }
        }
        return shards;
    }

    /** Whether a region still holds only the garbage written before the call (true when empty). */
    private static boolean onlyGarbage(byte[] region) {
        for (byte b : region) {
            if (b != GARBAGE) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] copy(byte[][] shards) {
        byte[][] copy = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            copy[i] = shards[i].clone();
        }
        return copy;
    }

    private static List<Integer> randomShardIndexes(int total, int count, Random random) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            all.add(i);
        }
        Collections.shuffle(all, random);
        return all.subList(0, count);
    }

    private static List<Integer> shardRange(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i < to; i++) {
            range.add(i);
        }
        return range;
    }

    @Test
    void encodingEqualsTheReferenceMatrixTimesTheDataWithEveryKernel() {
        RandomCases.check("encodingEqualsTheReferenceMatrixTimesTheDataWithEveryKernel", 1000,
                (random, i) -> encodingEqualsTheReference(Code.of(random, i), random));
    }

    private static void encodingEqualsTheReference(Code code, Random random) {
        int data = code.data();
        int parity = code.parity();
        int size = code.size();
        int offset = code.offset();
        int[][] matrix = matrix(data, parity);
        byte[][] original = shards(data, parity, offset, size, random);
        byte[][] expectedParity = GfReference.apply(Arrays.copyOfRange(matrix, data, data + parity),
                Arrays.copyOf(original, data), offset, size);

        for (GfKernel kernel : kernels()) {
            ReedSolomon rs = ReedSolomon.create(data, parity, kernel);
            for (int r = 0; r < data + parity; r++) {
                byte[] row = rs.encodingRow(r);
                for (int c = 0; c < data; c++) {
                    assertThat(row[c] & 0xFF).as("matrix cell %d,%d", r, c).isEqualTo(matrix[r][c]);
                }
            }
            byte[][] shards = copy(original);
            rs.encode(shards, offset, size);
            for (int p = 0; p < parity; p++) {
                byte[] shard = shards[data + p];
                assertThat(Arrays.copyOfRange(shard, offset, offset + size)).as("%s %s parity %d", kernel.name(), code, p)
                        .isEqualTo(expectedParity[p]);
                assertThat(Arrays.copyOfRange(shard, 0, offset)).as("bytes before the range").matches(CodecPropertiesTest::onlyGarbage, "only the garbage it held before");
                assertThat(Arrays.copyOfRange(shard, offset + size, shard.length)).as("bytes after the range")
                        .matches(CodecPropertiesTest::onlyGarbage, "only the garbage it held before");
            }
            for (int d = 0; d < data; d++) {
                assertThat(shards[d]).as("data shard %d is left alone", d).isEqualTo(original[d]);
            }
            assertThat(rs.verify(shards, offset, size)).as("%s %s verify", kernel.name(), code).isTrue();
            if (size > 0) {
                shards[random.nextInt(data + parity)][offset + random.nextInt(size)] ^= (byte) (1 + random.nextInt(255));
                assertThat(rs.verify(shards, offset, size)).as("%s %s verify after a flipped byte", kernel.name(), code)
                        .isFalse();
            }
        }
    }

    /**
     * The erasures: none one time in eight, exactly as many as there are parity shards one in four,
     * else any number up to that; the first data shards, the last shards (parity first) or any
     * shards.
     */
    @Test
    void anyErasuresUpToTheParityCountAreRebuiltExactlyByEveryKernel() {
        RandomCases.check("anyErasuresUpToTheParityCountAreRebuiltExactlyByEveryKernel", 1000,
                (random, i) -> erasuresAreRebuilt(Code.of(random, i), random));
    }

    private static void erasuresAreRebuilt(Code code, Random random) {
        int data = code.data();
        int parity = code.parity();
        int size = code.size();
        int offset = code.offset();
        byte[][] original = shards(data, parity, offset, size, random);
        ReedSolomon.create(data, parity, GfKernels.scalar()).encode(original, offset, size);
        int lostCount = switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1, 2 -> parity;
            default -> random.nextInt(parity + 1);
        };
        List<Integer> lost = switch (random.nextInt(4)) {
            case 0 -> shardRange(0, lostCount);
            case 1 -> shardRange(data + parity - lostCount, data + parity);
            default -> randomShardIndexes(data + parity, lostCount, random);
        };
        boolean[] present = new boolean[data + parity];
        Arrays.fill(present, true);
        lost.forEach(i -> present[i] = false);

        for (GfKernel kernel : kernels()) {
            ReedSolomon rs = ReedSolomon.create(data, parity, kernel);
            byte[][] shards = copy(original);
            lost.forEach(i -> Arrays.fill(shards[i], offset, offset + size, GARBAGE));
            rs.reconstruct(shards, present, offset, size);
            assertThat(shards).as("%s %s after losing %s", kernel.name(), code, lost).isDeepEqualTo(original);

            byte[][] dataOnly = copy(original);
            lost.forEach(i -> Arrays.fill(dataOnly[i], offset, offset + size, GARBAGE));
            rs.reconstructData(dataOnly, present, offset, size);
            for (int i = 0; i < data + parity; i++) {
                if (i < data || present[i]) {
                    assertThat(dataOnly[i]).as("%s %s shard %d after losing %s", kernel.name(), code, i, lost)
                            .isEqualTo(original[i]);
                } else {
                    assertThat(Arrays.copyOfRange(dataOnly[i], offset, offset + size))
                            .as("a lost parity shard is not rebuilt by reconstructData").matches(CodecPropertiesTest::onlyGarbage, "only the garbage it held before");
                }
            }
        }
    }

    /** The corners first, then any code; from one erasure too many to every shard lost. */
    @Test
    void moreErasuresThanTheParityCountAreRefusedWithTheCounts() {
        RandomCases.check("moreErasuresThanTheParityCountAreRefusedWithTheCounts", 500, (random, i) -> {
            int data = i < CORNERS.length ? CORNERS[i][0] : RandomCases.between(random, 1, 64);
            int parity = i < CORNERS.length ? CORNERS[i][1] : RandomCases.between(random, 1, 64);
            moreErasuresAreRefused(data, parity, random);
        });
    }

    private static void moreErasuresAreRefused(int data, int parity, Random random) {
        int total = data + parity;
        int lostCount = RandomCases.between(random, parity + 1, parity + data);
        boolean[] present = new boolean[total];
        Arrays.fill(present, true);
        randomShardIndexes(total, lostCount, random).forEach(i -> present[i] = false);

        for (GfKernel kernel : kernels()) {
            ReedSolomon rs = ReedSolomon.create(data, parity, kernel);
            byte[][] shards = new byte[total][16];
            assertThatThrownBy(() -> rs.reconstruct(shards, present, 0, 16))
                    .as("%s %d+%d with %d lost", kernel.name(), data, parity, lostCount)
                    .isInstanceOfSatisfying(NotEnoughShardsException.class, e -> {
                        assertThat(e.needed()).isEqualTo(data);
                        assertThat(e.present()).isEqualTo(total - lostCount);
                    });
            assertThatThrownBy(() -> rs.reconstructData(shards, present, 0, 16))
                    .as("%s %d+%d with %d lost", kernel.name(), data, parity, lostCount)
                    .isInstanceOf(NotEnoughShardsException.class);
        }
    }

    /** Input counts around the vector kernel's groups of four, up to 70. */
    private static final int[] EDGE_INPUT_COUNTS = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 63, 64, 65, 68, 69, 70};

    /**
     * Kernels straight on any coefficients (zeros, ones and random bytes), input counts that leave
     * the vector kernel's last group of four partly empty, and different input and output offsets.
     * The first cases go through every edge input count and every edge size, with 1 or 12 outputs
     * and offsets 0 or 100.
     */
    @Test
    void everyKernelEqualsTheReferenceOnAnyCoefficientsAndOffsets() {
        int edgeCases = Math.max(EDGE_INPUT_COUNTS.length, EDGE_SIZES.length) * 2;
        RandomCases.check("everyKernelEqualsTheReferenceOnAnyCoefficientsAndOffsets", 1000, (random, i) -> {
            if (i < edgeCases) {
                int k = i / 2;
                kernelEqualsTheReference(EDGE_INPUT_COUNTS[k % EDGE_INPUT_COUNTS.length], i % 2 == 0 ? 1 : 12,
                        EDGE_SIZES[k % EDGE_SIZES.length], i % 2 == 0 ? 0 : 100, i % 4 < 2 ? 0 : 100, random);
            } else {
                kernelEqualsTheReference(RandomCases.between(random, 1, 70), RandomCases.between(random, 1, 12),
                        shardSize(random), RandomCases.between(random, 0, 100), RandomCases.between(random, 0, 100),
                        random);
            }
        });
    }

    private static void kernelEqualsTheReference(int inputCount, int outputCount, int length, int inputOffset,
            int outputOffset, Random random) {
        String what = String.format("%d inputs, %d outputs, %d bytes at %d to %d", inputCount, outputCount, length,
                inputOffset, outputOffset);
        int[][] rows = new int[outputCount][inputCount];
        byte[][] coefficients = new byte[outputCount][inputCount];
        for (int j = 0; j < outputCount; j++) {
            for (int i = 0; i < inputCount; i++) {
                int kind = random.nextInt(4);
                rows[j][i] = kind == 0 ? 0 : kind == 1 ? 1 : random.nextInt(256);
                coefficients[j][i] = (byte) rows[j][i];
            }
        }
        byte[][] inputs = new byte[inputCount][inputOffset + length + random.nextInt(3)];
        for (byte[] input : inputs) {
            random.nextBytes(input);
        }
        byte[][] expected = GfReference.apply(rows, inputs, inputOffset, length);

        for (GfKernel kernel : kernels()) {
            byte[][] inputsCopy = copy(inputs);
            byte[][] outputs = new byte[outputCount][outputOffset + length + 5];
            for (byte[] output : outputs) {
                Arrays.fill(output, GARBAGE);
            }
            kernel.apply(coefficients, inputsCopy, inputOffset, outputs, outputOffset, length);
            for (int j = 0; j < outputCount; j++) {
                assertThat(Arrays.copyOfRange(outputs[j], outputOffset, outputOffset + length))
                        .as("%s %s output %d", kernel.name(), what, j).isEqualTo(expected[j]);
                assertThat(Arrays.copyOfRange(outputs[j], 0, outputOffset)).matches(CodecPropertiesTest::onlyGarbage, "only the garbage it held before");
                assertThat(Arrays.copyOfRange(outputs[j], outputOffset + length, outputs[j].length))
                        .matches(CodecPropertiesTest::onlyGarbage, "only the garbage it held before");
            }
            assertThat(inputsCopy).as("inputs are read only").isDeepEqualTo(inputs);
        }
    }

    /** The widest code GF(2^8) allows, beyond the properties' 64 + 64: 64 groups of inputs in the vector kernel. */
    @Test
    void theWidestCode200Plus56EncodesAndRebuilds56LostShardsLikeTheReference() {
        int data = 200;
        int parity = 56;
        int size = VectorKernel.stepBytes() + 37;
        Random random = new Random(11);
        int[][] matrix = matrix(data, parity);
        byte[][] original = shards(data, parity, 0, size, random);
        byte[][] expectedParity = GfReference.apply(Arrays.copyOfRange(matrix, data, data + parity),
                Arrays.copyOf(original, data), 0, size);
        for (int p = 0; p < parity; p++) {
            System.arraycopy(expectedParity[p], 0, original[data + p], 0, size);
        }
        List<Integer> lost = randomShardIndexes(data + parity, parity, random);
        boolean[] present = new boolean[data + parity];
        Arrays.fill(present, true);
        lost.forEach(i -> present[i] = false);
        for (GfKernel kernel : kernels()) {
            ReedSolomon rs = ReedSolomon.create(data, parity, kernel);
            byte[][] shards = copy(original);
            for (int p = 0; p < parity; p++) {
                Arrays.fill(shards[data + p], GARBAGE);
            }
            rs.encode(shards, 0, size);
            assertThat(shards).as("%s encode", kernel.name()).isDeepEqualTo(original);
            lost.forEach(i -> Arrays.fill(shards[i], 0, size, GARBAGE));
            rs.reconstruct(shards, present, 0, size);
            assertThat(shards).as("%s rebuild of %s", kernel.name(), lost).isDeepEqualTo(original);
        }
    }

    @Test
    void withNoInputsEveryKernelOverwritesItsOutputsWithZeros() {
        for (GfKernel kernel : kernels()) {
            byte[][] outputs = {new byte[700], new byte[700]};
            Arrays.fill(outputs[0], GARBAGE);
            Arrays.fill(outputs[1], GARBAGE);
            kernel.apply(new byte[2][0], new byte[0][], 0, outputs, 10, 600);
            for (byte[] output : outputs) {
                assertThat(Arrays.copyOfRange(output, 10, 610)).as(kernel.name()).containsOnly((byte) 0);
                assertThat(output[9]).isEqualTo(GARBAGE);
                assertThat(output[610]).isEqualTo(GARBAGE);
            }
        }
    }

    @Test
    void theReferenceFieldIsTheOneOfPolynomial0x11DWithGenerator2() {
        int x = 1;
        boolean[] seen = new boolean[256];
        for (int i = 0; i < 255; i++) {
            assertThat(seen[x]).as("2^%d repeats an earlier power", i).isFalse();
            seen[x] = true;
            x = GfReference.multiplySlowly(x, 2);
        }
        assertThat(x).as("2^255").isEqualTo(1);
        assertThat(GfReference.multiplySlowly(0x80, 2)).isEqualTo(0x1D);
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertThat(Gf256.multiply(a, b)).isEqualTo(GfReference.multiplySlowly(a, b));
            }
        }
    }

    @Test
    void theVectorKernelHandlesOneMebibyteShardsLikeTheScalarOne() {
        Random random = new Random(5);
        int size = 1 << 20;
        byte[][] shards = new byte[20][size];
        for (int i = 0; i < 16; i++) {
            random.nextBytes(shards[i]);
        }
        byte[][] byScalar = copy(shards);
        ReedSolomon.create(16, 4, GfKernels.scalar()).encode(byScalar, 0, size);
        ReedSolomon vector = ReedSolomon.create(16, 4, kernels().get(1));
        vector.encode(shards, 0, size);
        assertThat(shards).isDeepEqualTo(byScalar);
        boolean[] present = new boolean[20];
        Arrays.fill(present, 4, 20, true);
        for (int i = 0; i < 4; i++) {
            Arrays.fill(shards[i], GARBAGE);
        }
        vector.reconstructData(shards, present, 0, size);
        assertThat(shards).isDeepEqualTo(byScalar);
    }
}
