package org.biasflow.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;

import org.junit.jupiter.api.Test;

class CholeskyTest {
    private final Random random = new Random(3);

    /** 300 × 300: the updates below the first pivots are split across the cores. */
    @Test
    void solvesAGramSystemWithAndWithoutAShift() {
        int n = 300;
        double[] x = random.doubles(n * 400).map(v -> 2 * v - 1).toArray();
        double[][] gram = new RowMatrix(x, n, 400).weightedGram(random.doubles(400).toArray());
        double[] solution = random.doubles(n).toArray();
        for (double shift : new double[] {0.0, 0.5}) {
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    b[i] += (gram[i][j] + (i == j ? shift : 0.0)) * solution[j];
                }
            }
            assertArrayEquals(solution, Cholesky.factor(gram, shift, 1e-15).solve(b), 1e-9, "shift " + shift);
        }
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteIsRefused() {
        double[][] semidefinite = {{1.0, 1.0}, {1.0, 1.0}};
        assertNull(Cholesky.factor(semidefinite, 0.0, 1e-15));
        assertNotNull(Cholesky.factor(semidefinite, 1e-6, 1e-15), "a shift makes it definite");
        assertNull(Cholesky.factor(new double[][] {{1.0, 2.0}, {2.0, 1.0}}, 0.0, 1e-15), "indefinite");
        assertNull(Cholesky.factor(new double[][] {{Double.NaN}}, 0.0, 1e-15), "not a number");
        assertArrayEquals(new double[] {1.0, 1.0}, semidefinite[0], "factor works on a copy");
    }

    /** Pivots taken four at a time give the factor of one pivot at a time, bit for bit, split or not. */
    @Test
    void blocksOfPivotsFactorAsOnePivotAtATime() {
        Random random = new Random(9);
        for (int size : new int[] {1, 2, 3, 4, 5, 6, 9, 17, 400, 403}) {
            int columns = size + 3;
            double[][] rows = new double[size][];
            for (int i = 0; i < size; i++) {
                // some rows orthogonal to the others' first half, so that some multipliers are zero
                rows[i] = random.doubles(columns, -1, 1).toArray();
                if (i % 3 == 1) {
                    java.util.Arrays.fill(rows[i], 0, columns / 2, 0.0);
                }
            }
            double[][] gram = new double[size][size];
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    for (int c = 0; c < columns; c++) {
                        gram[i][j] += rows[i][c] * rows[j][c];
                    }
                }
            }
            double[] rhs = random.doubles(size, -1, 1).toArray();
            Cholesky blocked = Cholesky.factor(gram, 1e-3, 1e-15);
            Cholesky single = Cholesky.factor(gram, 1e-3, 1e-15, 1);
            assertNotNull(blocked);
            assertArrayEquals(single.solve(rhs), blocked.solve(rhs), "size " + size);
        }
    }
}
