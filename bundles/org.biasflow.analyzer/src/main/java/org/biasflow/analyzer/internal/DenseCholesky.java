package org.biasflow.analyzer.internal;

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

    /**
     * Solves (A + δI)x = b with δ = 0 when A is numerically positive definite, otherwise the least δ tried
     * (from 1e-14·max Aᵢᵢ, by factors of 100) for which the factorization succeeds.
     *
     * @throws ArithmeticException when A holds a non-finite entry or no shift tried makes it definite
     */
    static double[] solveRegularized(double[][] matrix, double[] rhs) {
        return factorRegularized(matrix).solve(rhs);
    }

    /** The lower-triangular factor of A + δI, δ chosen as by {@link #solveRegularized}, for several solves. */
    static Factor factorRegularized(double[][] matrix) {
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
            double[][] lower = factor(matrix, shift);
            if (lower != null) {
                return new Factor(lower);
            }
            shift = nextShift;
            nextShift *= 100;
        }
        throw new ArithmeticException("a " + size + " x " + size + " normal-equations matrix stayed indefinite with"
                + " a diagonal shift of " + shift / 100 + " (largest diagonal entry " + largestDiagonal + ")");
    }

    /** A Cholesky factor L with LLᵀ = A + δI. */
    record Factor(double[][] lower) {
        double[] solve(double[] rhs) {
            return substitute(lower, rhs);
        }
    }

    private static double[][] factor(double[][] matrix, double shift) {
        int size = matrix.length;
        double[][] lower = new double[size][];
        for (int i = 0; i < size; i++) {
            lower[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double sum = matrix[i][j] + (i == j ? shift : 0);
                double[] rowI = lower[i];
                double[] rowJ = lower[j];
                for (int k = 0; k < j; k++) {
                    sum -= rowI[k] * rowJ[k];
                }
                if (i == j) {
                    if (!(sum > 1e-15 * Math.abs(matrix[i][i] + shift))) {
                        return null;
                    }
                    rowI[i] = Math.sqrt(sum);
                } else {
                    rowI[j] = sum / rowJ[j];
                }
            }
        }
        return lower;
    }

    private static double[] substitute(double[][] lower, double[] rhs) {
        int size = rhs.length;
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            double sum = rhs[i];
            for (int k = 0; k < i; k++) {
                sum -= lower[i][k] * y[k];
            }
            y[i] = sum / lower[i][i];
        }
        double[] x = new double[size];
        for (int i = size - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < size; k++) {
                sum -= lower[k][i] * x[k];
            }
            x[i] = sum / lower[i][i];
        }
        return x;
    }
}
