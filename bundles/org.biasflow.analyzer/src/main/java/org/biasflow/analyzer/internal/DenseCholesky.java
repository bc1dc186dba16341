package org.biasflow.analyzer.internal;

import org.biasflow.linalg.Cholesky;

/** Solves symmetric positive (semi)definite systems, adding the smallest diagonal shift that makes them definite. */
final class DenseCholesky {
    private DenseCholesky() {
    }

    /**
     * Shifts tried after δ = 0: from 1e-14·max Aᵢᵢ by factors of 100 up to 1e4·max Aᵢᵢ, where A + δI is diagonally
     * dominant for any matrix a solver of this bundle builds; a matrix that still fails holds a non-finite entry or
     * is not symmetric positive semidefinite, and retrying further would never end.
     */
    private static final int SHIFTS = 10;
    /** A pivot at most this fraction of its diagonal entry means A + δI is not numerically definite. */
    private static final double NOT_DEFINITE = 1e-15;

    /**
     * Solves (A + δI)x = b with δ = 0 when A is numerically positive definite, otherwise the least δ tried
     * (from 1e-14·max Aᵢᵢ, by factors of 100) for which the factorization succeeds.
     *
     * @throws ArithmeticException when A holds a non-finite entry or no shift tried makes it definite
     */
    static double[] solveRegularized(double[][] matrix, double[] rhs) {
        return factorRegularized(matrix).solve(rhs);
    }

    /** The factorization of A + δI, δ chosen as by {@link #solveRegularized}, for several solves. */
    static Cholesky factorRegularized(double[][] matrix) {
        int size = matrix.length;
        double largestDiagonal = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j <= i; j++) {
                if (!Double.isFinite(matrix[i][j])) {
                    throw new ArithmeticException("a normal-equations matrix holds " + matrix[i][j] + " at (" + (i + 1)
                            + ", " + (j + 1) + "): the data or an iterate overflowed the double range");
                }
            }
            largestDiagonal = Math.max(largestDiagonal, matrix[i][i]);
        }
        double shift = 0;
        double nextShift = 1e-14 * Math.max(largestDiagonal, Double.MIN_NORMAL);
        for (int attempt = 0; attempt <= SHIFTS; attempt++) {
            Cholesky cholesky = Cholesky.factor(matrix, shift, NOT_DEFINITE);
            if (cholesky != null) {
                return cholesky;
            }
            shift = nextShift;
            nextShift *= 100;
        }
        throw new ArithmeticException("a " + size + " x " + size + " normal-equations matrix stayed indefinite with"
                + " a diagonal shift of " + shift / 100 + " (largest diagonal entry " + largestDiagonal + ")");
    }
}
