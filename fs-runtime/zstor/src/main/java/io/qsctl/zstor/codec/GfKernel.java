package io.qsctl.zstor.codec;

/**
 * The inner loop of the codec: a matrix of GF(2^8) coefficients applied to byte streams. Every
 * encode, verify and reconstruct is one call. Implementations differ only in speed; each must give
 * byte-identical results (the property tests compare them with a plain reference).
 */
public interface GfKernel {

    /** A short name for logs, benchmarks and {@code qsctl bench codec}. */
    String name();

    /**
     * For every output {@code j} and position {@code p} in {@code [0, length)}:
     * {@code outputs[j][outputOffset + p] = XOR over i of coefficients[j][i] * inputs[i][inputOffset + p]}.
     * Outputs are overwritten, not accumulated into; no output may alias an input.
     *
     * @param coefficients {@code outputs.length} rows of {@code inputs.length} coefficients each
     */
    void apply(byte[][] coefficients, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset, int length);
}
