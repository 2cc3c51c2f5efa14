package io.qsctl.zstor.codec;

/**
 * A plain reference for the codec, written from the definitions and sharing no code with it:
 * multiplication by shift-and-XOR with the polynomial 0x11D, inverse by search, Gauss-Jordan
 * elimination, and the systematic matrix built from the same Vandermonde definition (cell
 * {@code r^c}, times the inverse of the top square). Slow on purpose; the product table below is
 * filled from {@link #multiplySlowly} only so the properties run in seconds.
 */
final class GfReference {

    private static final int[][] PRODUCT = new int[256][256];

    static {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                PRODUCT[a][b] = multiplySlowly(a, b);
            }
        }
    }

    private GfReference() {
    }

    /** Schoolbook multiplication of polynomials over GF(2), reduced by x^8+x^4+x^3+x^2+1 at each step. */
    static int multiplySlowly(int a, int b) {
        int product = 0;
        int shifted = a;
        for (int bit = 0; bit < 8; bit++) {
            if ((b & (1 << bit)) != 0) {
                product ^= shifted;
            }
            shifted <<= 1;
            if ((shifted & 0x100) != 0) {
                shifted ^= 0x11D;
            }
        }
        return product;
    }

    static int multiply(int a, int b) {
        return PRODUCT[a & 0xFF][b & 0xFF];
    }

    static int inverse(int a) {
        for (int b = 1; b < 256; b++) {
            if (multiply(a, b) == 1) {
                return b;
            }
        }
        throw new ArithmeticException("0 has no inverse");
    }

    static int power(int a, int n) {
        int result = 1;
        for (int i = 0; i < n; i++) {
            result = multiply(result, a);
        }
        return result;
    }

    /** The {@code (data + parity) x data} encoding matrix; its top square is the identity. */
    static int[][] encodingMatrix(int data, int parity) {
        int total = data + parity;
        int[][] vandermonde = new int[total][data];
        for (int r = 0; r < total; r++) {
            for (int c = 0; c < data; c++) {
                vandermonde[r][c] = power(r, c);
            }
        }
        int[][] top = new int[data][];
        System.arraycopy(vandermonde, 0, top, 0, data);
        return times(vandermonde, invert(top));
    }

    static int[][] times(int[][] left, int[][] right) {
        int[][] product = new int[left.length][right[0].length];
        for (int r = 0; r < left.length; r++) {
            for (int c = 0; c < right[0].length; c++) {
                int sum = 0;
                for (int i = 0; i < right.length; i++) {
                    sum ^= multiply(left[r][i], right[i][c]);
                }
                product[r][c] = sum;
            }
        }
        return product;
    }

    static int[][] invert(int[][] square) {
        int n = square.length;
        int[][] work = new int[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(square[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (work[pivot][col] == 0) {
                pivot++;
            }
            int[] swap = work[pivot];
            work[pivot] = work[col];
            work[col] = swap;
            int scale = inverse(work[col][col]);
            for (int c = 0; c < 2 * n; c++) {
                work[col][c] = multiply(work[col][c], scale);
            }
            for (int r = 0; r < n; r++) {
                int factor = work[r][col];
                if (r != col && factor != 0) {
                    for (int c = 0; c < 2 * n; c++) {
                        work[r][c] ^= multiply(factor, work[col][c]);
                    }
                }
            }
        }
        int[][] inverse = new int[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(work[r], n, inverse[r], 0, n);
        }
        return inverse;
    }

    /** {@code outputs[j][outOff + p] = XOR over i of rows[j][i] * inputs[i][inOff + p]}, into new arrays. */
    static byte[][] apply(int[][] rows, byte[][] inputs, int inOff, int length) {
        byte[][] outputs = new byte[rows.length][length];
        for (int j = 0; j < rows.length; j++) {
            for (int p = 0; p < length; p++) {
                int sum = 0;
                for (int i = 0; i < inputs.length; i++) {
                    sum ^= multiply(rows[j][i], inputs[i][inOff + p]);
                }
                outputs[j][p] = (byte) sum;
            }
        }
        return outputs;
    }
}
