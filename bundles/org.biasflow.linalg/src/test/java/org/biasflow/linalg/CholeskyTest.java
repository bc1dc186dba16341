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
}
