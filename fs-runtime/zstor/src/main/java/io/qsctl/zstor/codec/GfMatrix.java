package io.qsctl.zstor.codec;

import java.util.Arrays;

/** A small dense matrix over GF(2^8); the codec builds and inverts these once per erasure pattern. */
final class GfMatrix {

    private final int rows;
    private final int columns;
    private final byte[][] cells;

    GfMatrix(int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        this.cells = new byte[rows][columns];
    }

    static GfMatrix identity(int size) {
        GfMatrix m = new GfMatrix(size, size);
        for (int i = 0; i < size; i++) {
            m.cells[i][i] = 1;
        }
        return m;
    }

    /** {@code rows x columns} with {@code cell[r][c] = r^c}: any {@code columns} rows are independent. */
    static GfMatrix vandermonde(int rows, int columns) {
        GfMatrix m = new GfMatrix(rows, columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                m.cells[r][c] = (byte) Gf256.power(r, c);
            }
        }
        return m;
    }

    int rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    int get(int row, int column) {
        return cells[row][column] & 0xFF;
    }

    void set(int row, int column, int value) {
        cells[row][column] = (byte) value;
    }

    byte[] row(int row) {
        return cells[row].clone();
    }

    GfMatrix times(GfMatrix right) {
        if (columns != right.rows) {
            throw new IllegalArgumentException("cannot multiply " + rows + "x" + columns + " by " + right.rows + "x"
                    + right.columns);
        }
        GfMatrix product = new GfMatrix(rows, right.columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < right.columns; c++) {
                int sum = 0;
                for (int i = 0; i < columns; i++) {
                    sum ^= Gf256.multiply(cells[r][i], right.cells[i][c]);
                }
                product.cells[r][c] = (byte) sum;
            }
        }
        return product;
    }

    GfMatrix rows(int[] selected) {
        GfMatrix m = new GfMatrix(selected.length, columns);
        for (int i = 0; i < selected.length; i++) {
            m.cells[i] = cells[selected[i]].clone();
        }
        return m;
    }

    GfMatrix rowRange(int from, int to) {
        GfMatrix m = new GfMatrix(to - from, columns);
        for (int r = from; r < to; r++) {
            m.cells[r - from] = cells[r].clone();
        }
        return m;
    }

    /** Gauss-Jordan inversion; a singular matrix cannot come from a Vandermonde-derived code. */
    GfMatrix inverse() {
        if (rows != columns) {
            throw new IllegalArgumentException("only square matrices have inverses");
        }
        int n = rows;
        byte[][] work = new byte[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(cells[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && work[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new ArithmeticException("singular matrix");
            }
            byte[] swap = work[col];
            work[col] = work[pivot];
            work[pivot] = swap;
            int scale = Gf256.inverse(work[col][col] & 0xFF);
            for (int c = 0; c < 2 * n; c++) {
                work[col][c] = (byte) Gf256.multiply(work[col][c], scale);
            }
            for (int r = 0; r < n; r++) {
                int factor = work[r][col] & 0xFF;
                if (r != col && factor != 0) {
                    for (int c = 0; c < 2 * n; c++) {
                        work[r][c] ^= (byte) Gf256.multiply(factor, work[col][c]);
                    }
                }
            }
        }
        GfMatrix inverse = new GfMatrix(n, n);
        for (int r = 0; r < n; r++) {
            inverse.cells[r] = Arrays.copyOfRange(work[r], n, 2 * n);
        }
        return inverse;
    }
}
