package io.qsctl.zstor.codec;

/**
 * Table lookups, one byte at a time, through the 64 KiB product table. Portable and the fallback
 * when the Vector API is absent. Works in blocks so the inputs of a block stay in the L1 cache
 * while every output row is computed from them.
 */
public final class ScalarKernel implements GfKernel {

    private static final int BLOCK = 4096;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void apply(byte[][] coefficients, byte[][] inputs, int inputOffset, byte[][] outputs, int outputOffset,
            int length) {
        if (inputs.length == 0) {
            // An empty sum is zero, and outputs are overwritten, never left as they were.
            for (byte[] out : outputs) {
                java.util.Arrays.fill(out, outputOffset, outputOffset + length, (byte) 0);
            }
            return;
        }
        for (int start = 0; start < length; start += BLOCK) {
            int end = Math.min(length, start + BLOCK);
            for (int j = 0; j < outputs.length; j++) {
                byte[] out = outputs[j];
                byte[] row = coefficients[j];
                for (int i = 0; i < inputs.length; i++) {
                    byte[] table = Gf256.MUL[row[i] & 0xFF];
                    byte[] in = inputs[i];
                    int inBase = inputOffset;
                    int outBase = outputOffset;
                    if (i == 0) {
                        for (int p = start; p < end; p++) {
                            out[outBase + p] = table[in[inBase + p] & 0xFF];
                        }
                    } else {
                        for (int p = start; p < end; p++) {
                            out[outBase + p] ^= table[in[inBase + p] & 0xFF];
                        }
                    }
                }
            }
        }
    }
}
