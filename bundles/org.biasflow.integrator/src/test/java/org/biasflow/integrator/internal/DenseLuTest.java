package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        double[][] copy = new double[4][];
        for (int i = 0; i < 4; i++) {
            copy[i] = matrix[i].clone();
        }
        new DenseLu(copy).solve(b);
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
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = matrix[i].clone();
        }
        new DenseLu(copy).solve(b);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], b[i], 1e-9);
        }
    }
}
