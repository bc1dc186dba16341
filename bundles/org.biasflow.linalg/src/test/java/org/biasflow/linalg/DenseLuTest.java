package org.biasflow.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DenseLuTest {

    /** Rows of the identity are left out of the factorization, but their unknowns still enter the other rows. */
    @Test
    void solvesSystemsWithRowsOfTheIdentity() {
        double[][] matrix = {
            {2.0, 0.5, -1.0, 0.25},
            {0.0, 1.0, 0.0, 0.0},
            {1.0, 3.0, 4.0, -2.0},
            {0.0, 0.0, 0.0, 1.0}};
        double[] x = {0.3, -1.2, 0.7, 2.5};
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                b[i] += matrix[i][j] * x[j];
            }
        }
        new DenseLu(copy(matrix)).solve(b);
        for (int i = 0; i < 4; i++) {
            assertEquals(x[i], b[i], 1e-14);
        }
    }

    /**
     * A system large enough that the eliminations below the first pivots are split across the cores: pivoting
     * must still swap whole rows (the diagonal is weak, so it does) and the solution hold to rounding.
     */
    @Test
    void solvesLargeSystemsWhoseEliminationsAreSplit() {
        int n = 600;
        java.util.Random random = new java.util.Random(5);
        double[][] matrix = new double[n][n];
        for (double[] row : matrix) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i);
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i] += matrix[i][j] * x[j];
            }
        }
        new DenseLu(copy(matrix)).solve(b);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], b[i], 1e-9);
        }
    }

    @Test
    void solvesWithTheMatrixAndItsTransposeUnderPivoting() {
        Random random = new Random(11);
        int size = 9;
        double[][] matrix = new double[size][size];
        for (double[] row : matrix) {
            for (int j = 0; j < size; j++) {
                row[j] = random.nextGaussian();
            }
        }
        matrix[0][0] = 0; // forces a row exchange at the first pivot
        assertSolves(matrix, random.doubles(size, -1, 1).toArray());
    }

    /** The transpose of a matrix with identity rows has identity columns: their unknowns still take the others'. */
    @Test
    void solvesWithTheTransposeOfAMatrixWithRowsOfTheIdentity() {
        double[][] matrix = {
            {2.0, 0.5, -1.0, 0.25},
            {0.0, 1.0, 0.0, 0.0},
            {1.0, 3.0, 4.0, -2.0},
            {0.0, 0.0, 0.0, 1.0}};
        assertSolves(matrix, new double[] {0.3, -1.2, 0.7, 2.5});
    }

    @Test
    void aNearlySingularMatrixIsRefusedByItsRelativePivot() {
        double[][] matrix = {{1.0, 2.0}, {2.0, 4.0 + 1e-15}};
        assertNull(DenseLu.factor(matrix, 1e-13));
        assertNotNull(DenseLu.factor(matrix, 1e-17));
        assertNull(DenseLu.factor(new double[][] {{1.0, 2.0}, {2.0, 4.0}}, 0.0), "an exact zero pivot");
        assertEquals(4.0 + 1e-15, matrix[1][1], 0.0, "factor works on a copy");
    }

    private static void assertSolves(double[][] matrix, double[] x) {
        int size = x.length;
        double[] b = new double[size];
        double[] c = new double[size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                b[i] += matrix[i][j] * x[j];
                c[j] += matrix[i][j] * x[i];
            }
        }
        DenseLu lu = DenseLu.factor(matrix, 1e-13);
        lu.solve(b);
        lu.solveTransposed(c);
        assertArrayEquals(x, b, 1e-12);
        assertArrayEquals(x, c, 1e-12);
    }

    /**
     * Pivots taken four at a time give the factors of one pivot at a time, bit for bit: on sizes that leave partial
     * blocks, with zero multipliers, an infinite entry, rows of the identity, and sizes whose updates are split.
     */
    @Test
    void blocksOfPivotsFactorAsOnePivotAtATime() {
        Random random = new Random(5);
        for (int size : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13, 31, 300, 301}) {
            for (int variant = 0; variant < 3; variant++) {
                double[][] matrix = new double[size][size];
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < size; j++) {
                        // half the entries zero in the second variant, so that many multipliers are
                        matrix[i][j] = variant == 1 && random.nextBoolean() ? 0.0 : random.nextGaussian();
                    }
                }
                if (variant == 2 && size > 2) {
                    matrix[size - 1][size - 1] = Double.POSITIVE_INFINITY;
                    java.util.Arrays.fill(matrix[size / 2], 0.0);
                    matrix[size / 2][size / 2] = 1.0;
                }
                DenseLu blocked = new DenseLu(copy(matrix), RowUpdates.BLOCK);
                DenseLu single = new DenseLu(copy(matrix), 1);
                for (int trial = 0; trial < 2; trial++) {
                    double[] b = random.doubles(size, -1, 1).toArray();
                    double[] x = b.clone();
                    double[] y = b.clone();
                    blocked.solve(x);
                    single.solve(y);
                    assertArrayEquals(y, x, "size " + size + ", variant " + variant);
                    x = b.clone();
                    y = b.clone();
                    blocked.solveTransposed(x);
                    single.solveTransposed(y);
                    assertArrayEquals(y, x, "transposed, size " + size + ", variant " + variant);
                }
            }
        }
    }

    /**
     * The substitutions that run down the columns give those of a textbook solve by rows bit for bit, with the matrix
     * and with its transpose, on sizes that leave partial blocks and on one whose factorization is split.
     */
    @Test
    void substitutionsByColumnsRoundAsSubstitutionsByRows() {
        Random random = new Random(11);
        for (int size : new int[] {1, 2, 3, 5, 8, 31, 301}) {
            double[][] matrix = new double[size][size];
            for (double[] row : matrix) {
                for (int j = 0; j < size; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            DenseLu lu = new DenseLu(copy(matrix));
            TextbookLu textbook = new TextbookLu(copy(matrix));
            double[] b = random.doubles(size, -1, 1).toArray();
            double[] x = b.clone();
            lu.solve(x);
            assertArrayEquals(textbook.solve(b.clone()), x, "size " + size);
            x = b.clone();
            lu.solveTransposed(x);
            assertArrayEquals(textbook.solveTransposed(b.clone()), x, "transposed, size " + size);
        }
    }

    /** LU with partial pivoting one pivot at a time, and substitutions along the rows of its factors. */
    private static final class TextbookLu {
        private final double[][] a;
        private final int[] pivots;

        TextbookLu(double[][] a) {
            this.a = a;
            int n = a.length;
            pivots = new int[n];
            for (int k = 0; k < n; k++) {
                int pivot = k;
                for (int i = k + 1; i < n; i++) {
                    if (Math.abs(a[i][k]) > Math.abs(a[pivot][k])) {
                        pivot = i;
                    }
                }
                pivots[k] = pivot;
                double[] swap = a[k];
                a[k] = a[pivot];
                a[pivot] = swap;
                double inverse = 1.0 / a[k][k];
                for (int i = k + 1; i < n; i++) {
                    double multiplier = a[i][k] * inverse;
                    a[i][k] = multiplier;
                    for (int j = k + 1; multiplier != 0.0 && j < n; j++) {
                        a[i][j] -= multiplier * a[k][j];
                    }
                }
            }
        }

        double[] solve(double[] x) {
            int n = x.length;
            for (int k = 0; k < n; k++) {
                swap(x, k, pivots[k]);
            }
            for (int i = 0; i < n; i++) {
                double sum = x[i];
                for (int j = 0; j < i; j++) {
                    sum -= a[i][j] * x[j];
                }
                x[i] = sum;
            }
            for (int i = n - 1; i >= 0; i--) {
                double sum = x[i];
                for (int j = i + 1; j < n; j++) {
                    sum -= a[i][j] * x[j];
                }
                x[i] = sum / a[i][i];
            }
            return x;
        }

        double[] solveTransposed(double[] x) {
            int n = x.length;
            for (int i = 0; i < n; i++) {
                double sum = x[i];
                for (int k = 0; k < i; k++) {
                    sum -= a[k][i] * x[k];
                }
                x[i] = sum / a[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double sum = x[i];
                for (int k = i + 1; k < n; k++) {
                    sum -= a[k][i] * x[k];
                }
                x[i] = sum;
            }
            for (int k = n - 1; k >= 0; k--) {
                swap(x, k, pivots[k]);
            }
            return x;
        }

        private static void swap(double[] x, int i, int j) {
            double kept = x[i];
            x[i] = x[j];
            x[j] = kept;
        }
    }

    private static double[][] copy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
