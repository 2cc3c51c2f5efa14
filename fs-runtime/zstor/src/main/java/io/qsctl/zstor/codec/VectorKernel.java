package io.qsctl.zstor.codec;

import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel. It multiplies without any table lookup indexed by data (no byte shuffle,
 * no gather): only XOR, vector adds and a sign test, so it stays clear of the split-nibble shuffle
 * technique that the legal note in docs/codec.md sets aside.
 *
 * <p>How one output is computed. Write each coefficient {@code c} by its bits {@code c7..c0}. Then
 * {@code XOR over i of c_i * x_i} equals Horner's rule over the bit planes of the coefficients:
 * {@code acc = 0; for b = 7..0: acc = 2*acc ^ S_b}, where {@code S_b} is the XOR of the inputs whose
 * coefficient has bit {@code b} set, and {@code 2*acc} ("xtime") is a byte shift left with the
 * polynomial 0x1D folded in where the top bit fell out. So an output costs 8 xtimes plus the XORs
 * that form the eight {@code S_b}.
 *
 * <p>How the {@code S_b} are formed cheaply (the "four Russians" method). Inputs are taken four at a
 * time; for each group the 16 XOR combinations of its four input vectors are written once to a
 * scratch table (11 XORs). Which combination an {@code S_b} needs from a group depends only on the
 * coefficients, so it is a precomputed offset, and {@code S_b} is one load per group. For 16 inputs
 * that is 4 loads instead of 16 conditional XORs, shared by every output row. The table index never
 * depends on the data, only on the coefficient matrix.
 *
 * <p>Layout. Each step covers {@link #UNROLL} vectors of every input, so the per-load bookkeeping is
 * paid once for four vectors and the loops stay short and predictable; the step's scratch table
 * ({@code groups x 16 x UNROLL} vectors, 16 KiB for 16 inputs at 512 bits) stays in the L1 cache.
 * The last bytes that do not fill a step go through {@link ScalarKernel}.
 *
 * <p>The species is {@code SPECIES_PREFERRED} held in a static final, as the Vector API needs to
 * compile vectors to registers instead of boxing them. Instances are stateless and thread-safe; the
 * scratch table is per thread ({@link #scratch}).
 */
public final class VectorKernel implements GfKernel {

    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Vectors of each input per step. Four amortise the bookkeeping; eight measured no faster. */
    static final int UNROLL = 4;
    private static final int STEP = UNROLL * LANES;
    private static final int GROUP = 4;
    private static final int COMBINATIONS = 1 << GROUP;
    private static final byte POLYNOMIAL_LOW = (byte) (Gf256.POLYNOMIAL & 0xFF);

    /** At most 64 groups of 16 combinations of a step: 256 KiB at 512 bits, for 256 inputs. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private final ScalarKernel tail = new ScalarKernel();

    /**
     * @throws UnsupportedOperationException when this JVM has no SIMD species of at least 128 bits
     *     (the Vector API would then run as slow Java code; the scalar kernel is faster)
     */
    public VectorKernel() {
        if (!wideEnough()) {
            throw new UnsupportedOperationException("it needs SIMD vectors of at least 128 bits, and this JVM's "
                    + "preferred vectors have " + SPECIES.vectorBitSize() + " (is -XX:MaxVectorSize set low?)");
        }
    }

    /** Whether this JVM compiles the preferred species to SIMD registers at least 128 bits wide. */
    static boolean wideEnough() {
        return SPECIES.vectorBitSize() >= 128;
    }

    /** Bytes one step covers per shard; shorter ranges (and the remainder) go to the scalar kernel. */
    static int stepBytes() {
        return STEP;
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public void apply(byte[][] coefficients, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
            int length) {
        if (inputs.length == 0) {
            // An empty sum is zero; the grouping below assumes at least one input.
            for (byte[] out : outputs) {
                java.util.Arrays.fill(out, outputOffset, outputOffset + length, (byte) 0);
            }
            return;
        }
        int vectorEnd = length - length % STEP;
        if (vectorEnd > 0 && outputs.length > 0) {
            int groups = (inputs.length + GROUP - 1) / GROUP;
            int[] offsets = tableOffsets(coefficients, inputs.length, outputs.length, groups);
            byte[] table = scratch(groups * COMBINATIONS * STEP);
            for (int position = 0; position < vectorEnd; position += STEP) {
                fillTable(inputs, inputOffset + position, groups, table);
                for (int o = 0; o < outputs.length; o++) {
                    output(table, offsets, o * 8 * groups, groups, outputs[o], outputOffset + position);
                }
            }
        }
        if (vectorEnd < length) {
            tail.apply(coefficients, inputs, inputOffset + vectorEnd, outputs, outputOffset + vectorEnd,
                    length - vectorEnd);
        }
    }

    /**
     * The calling thread's scratch table, at least {@code bytes} long. Reused from call to call, so
     * that encoding a stripe leaves no garbage table behind; one per thread, so concurrent stripes
     * never share one. Combination 0 of every group is the zero vector: a fresh array has
     * it, and no step ever writes there, whatever the group count of the calls that used it before.
     */
    static byte[] scratch(int bytes) {
        byte[] table = SCRATCH.get();
        if (table.length < bytes) {
            table = new byte[bytes];
            SCRATCH.set(table);
        }
        return table;
    }

    /**
     * For output {@code o}, bit {@code b} (from the top, as Horner's rule consumes them) and group
     * {@code g}: the table offset of the combination of that group's inputs whose coefficient in row
     * {@code o} has bit {@code b} set.
     */
    private static int[] tableOffsets(byte[][] coefficients, int inputCount, int outputCount, int groups) {
        int[] offsets = new int[outputCount * 8 * groups];
        for (int o = 0; o < outputCount; o++) {
            byte[] row = coefficients[o];
            for (int bit = 7; bit >= 0; bit--) {
                for (int g = 0; g < groups; g++) {
                    int combination = 0;
                    for (int i = 0; i < GROUP && GROUP * g + i < inputCount; i++) {
                        combination |= ((row[GROUP * g + i] >>> bit) & 1) << i;
                    }
                    offsets[(o * 8 + 7 - bit) * groups + g] = (g * COMBINATIONS + combination) * STEP;
                }
            }
        }
        return offsets;
    }

    /** Writes the 15 non-zero XOR combinations of each group of four inputs, for the step's vectors. */
    private static void fillTable(byte[][] inputs, int at, int groups, byte[] table) {
        ByteVector zero = ByteVector.zero(SPECIES);
        int count = inputs.length;
        for (int g = 0; g < groups; g++) {
            int first = GROUP * g;
            byte[] ia = inputs[first];
            byte[] ib = first + 1 < count ? inputs[first + 1] : null;
            byte[] ic = first + 2 < count ? inputs[first + 2] : null;
            byte[] id = first + 3 < count ? inputs[first + 3] : null;
            int groupBase = g * COMBINATIONS * STEP;
            for (int v = 0; v < UNROLL; v++) {
                int in = at + v * LANES;
                ByteVector a = ByteVector.fromArray(SPECIES, ia, in);
                ByteVector b = ib == null ? zero : ByteVector.fromArray(SPECIES, ib, in);
                ByteVector c = ic == null ? zero : ByteVector.fromArray(SPECIES, ic, in);
                ByteVector d = id == null ? zero : ByteVector.fromArray(SPECIES, id, in);
                ByteVector ab = a.lanewise(XOR, b);
                ByteVector ac = a.lanewise(XOR, c);
                ByteVector bc = b.lanewise(XOR, c);
                ByteVector abc = ab.lanewise(XOR, c);
                int base = groupBase + v * LANES;
                a.intoArray(table, base + STEP);
                b.intoArray(table, base + 2 * STEP);
                ab.intoArray(table, base + 3 * STEP);
                c.intoArray(table, base + 4 * STEP);
                ac.intoArray(table, base + 5 * STEP);
                bc.intoArray(table, base + 6 * STEP);
                abc.intoArray(table, base + 7 * STEP);
                d.intoArray(table, base + 8 * STEP);
                a.lanewise(XOR, d).intoArray(table, base + 9 * STEP);
                b.lanewise(XOR, d).intoArray(table, base + 10 * STEP);
                ab.lanewise(XOR, d).intoArray(table, base + 11 * STEP);
                c.lanewise(XOR, d).intoArray(table, base + 12 * STEP);
                ac.lanewise(XOR, d).intoArray(table, base + 13 * STEP);
                bc.lanewise(XOR, d).intoArray(table, base + 14 * STEP);
                abc.lanewise(XOR, d).intoArray(table, base + 15 * STEP);
            }
        }
    }

    /** Horner's rule over the eight bit planes of one output row, for the step's four vectors. */
    private static void output(byte[] table, int[] offsets, int first, int groups, byte[] out, int at) {
        ByteVector x0 = ByteVector.zero(SPECIES);
        ByteVector x1 = x0;
        ByteVector x2 = x0;
        ByteVector x3 = x0;
        int q = first;
        for (int bit = 0; bit < 8; bit++) {
            int offset = offsets[q++];
            ByteVector s0 = ByteVector.fromArray(SPECIES, table, offset);
            ByteVector s1 = ByteVector.fromArray(SPECIES, table, offset + LANES);
            ByteVector s2 = ByteVector.fromArray(SPECIES, table, offset + 2 * LANES);
            ByteVector s3 = ByteVector.fromArray(SPECIES, table, offset + 3 * LANES);
            for (int g = 1; g < groups; g++) {
                offset = offsets[q++];
                s0 = s0.lanewise(XOR, ByteVector.fromArray(SPECIES, table, offset));
                s1 = s1.lanewise(XOR, ByteVector.fromArray(SPECIES, table, offset + LANES));
                s2 = s2.lanewise(XOR, ByteVector.fromArray(SPECIES, table, offset + 2 * LANES));
                s3 = s3.lanewise(XOR, ByteVector.fromArray(SPECIES, table, offset + 3 * LANES));
            }
            x0 = times2(x0).lanewise(XOR, s0);
            x1 = times2(x1).lanewise(XOR, s1);
            x2 = times2(x2).lanewise(XOR, s2);
            x3 = times2(x3).lanewise(XOR, s3);
        }
        x0.intoArray(out, at);
        x1.intoArray(out, at + LANES);
        x2.intoArray(out, at + 2 * LANES);
        x3.intoArray(out, at + 3 * LANES);
    }

    /**
     * Multiplies every byte by 2 in GF(2^8): shift left (an add to itself) and XOR 0x1D into the
     * bytes whose top bit was set (the sign test). A blend measured faster than shift-and-mask
     * arithmetic on 64-bit lanes, which JDK 17 compiled poorly.
     */
    private static ByteVector times2(ByteVector v) {
        ByteVector reduce = ByteVector.zero(SPECIES).blend(POLYNOMIAL_LOW, v.lt((byte) 0));
        return v.add(v).lanewise(XOR, reduce);
    }
}
