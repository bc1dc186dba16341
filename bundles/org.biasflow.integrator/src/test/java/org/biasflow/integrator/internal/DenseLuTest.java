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
}
