package org.biasflow.integrator.internal;

/** LU factorization with partial pivoting of a square matrix, for the Newton systems of an implicit step. */
final class DenseLu {
    private final double[][] factors;
    private final int[] pivots;

    /** Factors {@code matrix}, which it takes over and overwrites. */
    DenseLu(double[][] matrix) {
        int n = matrix.length;
        factors = matrix;
        pivots = new int[n];
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(factors[i][k]) > Math.abs(factors[pivot][k])) {
                    pivot = i;
                }
            }
            pivots[k] = pivot;
            double[] swap = factors[k];
            factors[k] = factors[pivot];
            factors[pivot] = swap;
            double[] rowK = factors[k];
            if (rowK[k] == 0.0) {
                // A singular Newton matrix only slows convergence; the step control copes with that.
                rowK[k] = Double.MIN_NORMAL;
            }
            double inverse = 1.0 / rowK[k];
            for (int i = k + 1; i < n; i++) {
                double[] rowI = factors[i];
                double multiplier = rowI[k] * inverse;
                rowI[k] = multiplier;
                if (multiplier != 0.0) {
                    for (int j = k + 1; j < n; j++) {
                        rowI[j] -= multiplier * rowK[j];
                    }
                }
            }
        }
    }

    /** Overwrites b with the solution x of A·x = b. */
    void solve(double[] b) {
        int n = b.length;
        for (int k = 0; k < n; k++) {
            double swap = b[k];
            b[k] = b[pivots[k]];
            b[pivots[k]] = swap;
        }
        for (int i = 1; i < n; i++) {
            double[] row = factors[i];
            double sum = b[i];
            for (int j = 0; j < i; j++) {
                sum -= row[j] * b[j];
            }
            b[i] = sum;
        }
        for (int i = n - 1; i >= 0; i--) {
            double[] row = factors[i];
            double sum = b[i];
            for (int j = i + 1; j < n; j++) {
                sum -= row[j] * b[j];
            }
            b[i] = sum / row[i];
        }
    }
}
