package org.biasflow.linalg;

/**
 * Row operations that {@link DenseLu} and {@link Cholesky} share: the substitutions with their upper factor and its
 * transpose, and the trailing update of their right-looking factorizations for a block of pivots at once: at
 * N = 1000 they were bound by reading and writing each trailing row once per pivot, and with four pivots a pass a
 * factorization takes about half the time. Each entry still takes the pivots one after the other, each product
 * rounded before it is subtracted, so the factors are those of one pivot at a time, bit for bit.
 */
final class RowUpdates {
    /** Pivots a pass. */
    static final int BLOCK = 4;

    private RowUpdates() {
    }

    /**
     * row[j] −= mₚ·pivotRows[p][j] for j ∈ [from, to), for p = first, …, last − 1 in turn, where
     * mₚ = multipliers[p − offset]. A zero multiplier leaves the row as it is, even against an infinite pivot row.
     */
    static void subtract(double[] row, double[][] pivotRows, int first, int last, double[] multipliers, int offset,
            int from, int to) {
        int p = first;
        for (; p + 3 < last; p += 4) {
            double m0 = multipliers[p - offset];
            double m1 = multipliers[p + 1 - offset];
            double m2 = multipliers[p + 2 - offset];
            double m3 = multipliers[p + 3 - offset];
            if (m0 == 0.0 || m1 == 0.0 || m2 == 0.0 || m3 == 0.0) {
                break;
            }
            double[] u0 = pivotRows[p];
            double[] u1 = pivotRows[p + 1];
            double[] u2 = pivotRows[p + 2];
            double[] u3 = pivotRows[p + 3];
            for (int j = from; j < to; j++) {
                double sum = row[j] - m0 * u0[j];
                sum = sum - m1 * u1[j];
                sum = sum - m2 * u2[j];
                row[j] = sum - m3 * u3[j];
            }
        }
        for (; p < last; p++) {
            double multiplier = multipliers[p - offset];
            if (multiplier != 0.0) {
                double[] pivotRow = pivotRows[p];
                for (int j = from; j < to; j++) {
                    row[j] -= multiplier * pivotRow[j];
                }
            }
        }
    }

    /**
     * Overwrites x with the solution of Uᵀx = x for the upper triangle U of {@code upper}, stored by rows: row k of U
     * is column k of Uᵀ, so once x_k is known its multiples leave the later unknowns, each in the order of a
     * substitution along the rows of Uᵀ.
     */
    static void forwardSubstituteTransposed(double[][] upper, double[] x) {
        for (int k = 0; k < x.length; k++) {
            double[] row = upper[k];
            double known = x[k] / row[k];
            x[k] = known;
            for (int i = k + 1; i < x.length; i++) {
                x[i] -= row[i] * known;
            }
        }
    }

    /** Overwrites x with the solution of Ux = x for the upper triangle U of {@code upper}, stored by rows. */
    static void backSubstitute(double[][] upper, double[] x) {
        for (int i = x.length - 1; i >= 0; i--) {
            double[] row = upper[i];
            double sum = x[i];
            for (int j = i + 1; j < x.length; j++) {
                sum -= row[j] * x[j];
            }
            x[i] = sum / row[i];
        }
    }
}
