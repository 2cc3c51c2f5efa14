package io.qsctl.zstor.codec;

/**
 * Arithmetic in GF(2^8) with the reducing polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and
 * generator 2, the field of most storage Reed-Solomon codes. Addition is XOR; multiplication and
 * division go through log/exp tables, and {@link #MUL} holds the full 256 x 256 product table the
 * scalar kernel indexes directly.
 */
public final class Gf256 {

    public static final int POLYNOMIAL = 0x11D;

    private static final int[] LOG = new int[256];
    private static final int[] EXP = new int[512];
    /** {@code MUL[a][b] = a * b}; one 256-byte row per coefficient. */
    static final byte[][] MUL = new byte[256][256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= POLYNOMIAL;
            }
        }
        for (int i = 255; i < EXP.length; i++) {
            EXP[i] = EXP[i - 255];
        }
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                MUL[a][b] = (byte) slowMultiply(a, b);
            }
        }
    }

    private Gf256() {
    }

    private static int slowMultiply(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return EXP[LOG[a] + LOG[b]];
    }

    public static int multiply(int a, int b) {
        return MUL[a & 0xFF][b & 0xFF] & 0xFF;
    }

    public static int divide(int a, int b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero in GF(2^8)");
        }
        if (a == 0) {
            return 0;
        }
        return EXP[LOG[a] - LOG[b] + 255];
    }

    public static int inverse(int a) {
        return divide(1, a);
    }

    /** {@code a} to the power {@code n}, with {@code 0^0 = 1} as a Vandermonde matrix needs. */
    public static int power(int a, int n) {
        if (n == 0) {
            return 1;
        }
        if (a == 0) {
            return 0;
        }
        return EXP[(LOG[a] * n) % 255];
    }

    /** The product row of one coefficient: {@code row[b] = coefficient * b}. */
    public static byte[] productRow(int coefficient) {
        return MUL[coefficient & 0xFF].clone();
    }
}
