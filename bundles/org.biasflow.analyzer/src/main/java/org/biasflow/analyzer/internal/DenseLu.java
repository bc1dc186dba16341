package org.biasflow.analyzer.internal;

/** LU factorization with partial pivoting of a square matrix, for solves with it and with its transpose. */
final class DenseLu {
    private final double[][] factors;
    private final int[] pivots;

    private DenseLu(double[][] factors, int[] pivots) {
        this.factors = factors;
        this.pivots = pivots;
    }

    /** The factorization, or null when a pivot is below {@code relativePivot} times the largest entry. */
    static DenseLu factor(double[][] matrix, double relativePivot) {
        int size = matrix.length;
        double[][] a = new double[size][];
        double largest = 0;
        for (int i = 0; i < size; i++) {
            a[i] = matrix[i].clone();
            largest = Math.max(largest, Vectors.largest(a[i]));
        }
        int[] pivots = new int[size];
        for (int k = 0; k < size; k++) {
            int pivot = k;
            for (int i = k + 1; i < size; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[pivot][k])) {
                    pivot = i;
                }
            }
            if (!(Math.abs(a[pivot][k]) > relativePivot * largest)) {
                return null;
            }
            pivots[k] = pivot;
            double[] swap = a[k];
            a[k] = a[pivot];
            a[pivot] = swap;
            double[] rowK = a[k];
            for (int i = k + 1; i < size; i++) {
                double[] rowI = a[i];
                double factor = rowI[k] / rowK[k];
                rowI[k] = factor;
                if (factor != 0) {
                    for (int j = k + 1; j < size; j++) {
                        rowI[j] -= factor * rowK[j];
                    }
                }
            }
        }
        return new DenseLu(a, pivots);
    }

    /** x with Ax = b. */
    double[] solve(double[] rhs) {
        int size = rhs.length;
        double[] x = rhs.clone();
        for (int k = 0; k < size; k++) {
            double swap = x[k];
            x[k] = x[pivots[k]];
            x[pivots[k]] = swap;
        }
        for (int i = 0; i < size; i++) {
            double sum = x[i];
            for (int k = 0; k < i; k++) {
                sum -= factors[i][k] * x[k];
            }
            x[i] = sum;
        }
        for (int i = size - 1; i >= 0; i--) {
            double sum = x[i];
            for (int k = i + 1; k < size; k++) {
                sum -= factors[i][k] * x[k];
            }
            x[i] = sum / factors[i][i];
        }
        return x;
    }

    /** x with Aᵀx = b. */
    double[] solveTransposed(double[] rhs) {
        int size = rhs.length;
        double[] x = rhs.clone();
        for (int i = 0; i < size; i++) {
            double sum = x[i];
            for (int k = 0; k < i; k++) {
                sum -= factors[k][i] * x[k];
            }
            x[i] = sum / factors[i][i];
        }
        for (int i = size - 1; i >= 0; i--) {
            double sum = x[i];
            for (int k = i + 1; k < size; k++) {
                sum -= factors[k][i] * x[k];
            }
            x[i] = sum;
        }
        for (int k = size - 1; k >= 0; k--) {
            double swap = x[k];
            x[k] = x[pivots[k]];
            x[pivots[k]] = swap;
        }
        return x;
    }
}
