package org.biasflow.linalg;

/**
 * Cholesky factorization A + δI = UᵀU of a symmetric positive definite matrix, for solves with it: the normal
 * equations of the analyzers' interior point and Newton methods.
 *
 * <p>Right-looking and by rows: each pivot subtracts a multiple of its row from the rows below it, on and right of
 * their diagonal, four pivots a pass ({@link RowUpdates}). Those are contiguous loops that split across the cores,
 * each row's arithmetic the same however split. The dot-product (left-looking) form it replaces chained every multiply-add on
 * the one before and took 0.23 s for a 1000 × 1000 matrix, most of an ℓ1 reference solve at N = 1000.
 */
public final class Cholesky {
    /** Updates below a pivot are split across the cores when they touch at least this many entries. */
    private static final long PARALLEL_WORK = 1L << 16;

    /** U by rows: row k holds U[k][j] for j ≥ k (entries left of the diagonal are unused). */
    private final double[][] upper;

    private Cholesky(double[][] upper) {
        this.upper = upper;
    }

    /**
     * The factorization of A + shift·I, reading only A's upper triangle, or null when a pivot comes out at most
     * {@code relativePivot} times the diagonal entry it started from (or is not a number): A + shift·I is then not
     * numerically positive definite.
     */
    public static Cholesky factor(double[][] matrix, double shift, double relativePivot) {
        return factor(matrix, shift, relativePivot, RowUpdates.BLOCK);
    }

    /** As {@link #factor(double[][], double, double)}, with {@code block} pivots a pass (1: the textbook order). */
    static Cholesky factor(double[][] matrix, double shift, double relativePivot, int block) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
            a[i][i] += shift;
        }
        for (int first = 0; first < n; first += block) {
            int end = Math.min(n, first + block);
            for (int k = first; k < end; k++) {
                double[] rowK = a[k];
                subtractPivots(a, k, first, k);
                double pivot = rowK[k];
                if (!(pivot > relativePivot * Math.abs(matrix[k][k] + shift))) {
                    return null;
                }
                double root = Math.sqrt(pivot);
                for (int j = k; j < n; j++) {
                    rowK[j] /= root;
                }
            }
            int blockFirst = first;
            int below = n - end;
            Pieces.split(end, n, (long) below * below / 2 >= PARALLEL_WORK ? Pieces.CORES : 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    subtractPivots(a, i, blockFirst, end);
                }
            });
        }
        return new Cholesky(a);
    }

    /** Row i less U[p][i] times row p for the pivots p ∈ [first, last), on and right of its diagonal. */
    private static void subtractPivots(double[][] a, int i, int first, int last) {
        if (first == last) {
            return;
        }
        double[] multipliers = new double[last - first];
        for (int p = first; p < last; p++) {
            multipliers[p - first] = a[p][i];
        }
        RowUpdates.subtract(a[i], a, first, last, multipliers, first, i, a[i].length);
    }

    /** x with (A + δI)x = b. */
    public double[] solve(double[] rhs) {
        double[] y = rhs.clone();
        RowUpdates.forwardSubstituteTransposed(upper, y);
        RowUpdates.backSubstitute(upper, y);
        return y;
    }
}
