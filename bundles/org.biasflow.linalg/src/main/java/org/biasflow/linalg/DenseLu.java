package org.biasflow.linalg;

/**
 * LU factorization with partial pivoting of a square matrix, for solves with it and with its transpose: the Newton
 * systems of the implicit integrators, and the vertex systems of the analyzers' linear programs.
 *
 * <p>Rows of the identity are taken out before factoring: late in a flow the weights of all but the support points
 * underflow to zero, their rows of the Jacobian vanish, and the Newton matrix I − cJ keeps only a small block to
 * factor. With N = 1000 points that turns a factorization of about 3·10⁸ operations into one of a few hundred.
 */
public final class DenseLu {
    /**
     * Updates below a block of pivots are split across the cores once they touch at least this many entries: the
     * trailing updates of a 1000 × 1000 Newton matrix, the bulk of its factorization, are worth a fork each, the
     * last few hundred pivots are not.
     */
    private static final long PARALLEL_WORK = 1L << 16;
    private static final int TRANSPOSE_TILE = 64;
    private final double[][] factors;
    private final int[] pivots;
    /**
     * The factors by columns, for the substitutions with L: down a column the subtractions vectorize, while along a
     * row they are one chain of dependent additions (at N = 1000, α = 1 to 1e-10000 the solves took 3.3 s of 24).
     */
    private final double[][] columns;
    /** Indices of the rows that are not rows of the identity, in order. */
    private final int[] active;
    /** The indices outside {@link #active}, in order. */
    private final int[] units;
    /** The columns outside {@link #active} of the active rows. */
    private final double[][] coupling;

    /** The smallest |pivot| met, before a zero one was replaced. */
    private double smallestPivot = Double.POSITIVE_INFINITY;

    /**
     * Factors {@code matrix}, which it takes over and overwrites. A zero pivot is replaced by the smallest normal
     * double rather than refused: a singular Newton matrix only slows Newton's convergence, which the step control
     * copes with. {@link #factor} refuses nearly singular matrices instead.
     */
    public DenseLu(double[][] matrix) {
        this(matrix, RowUpdates.BLOCK);
    }

    /** As {@link #DenseLu(double[][])}, with {@code block} pivots a pass (1: the textbook order). */
    DenseLu(double[][] matrix, int block) {
        int size = matrix.length;
        boolean[] unit = new boolean[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            unit[i] = isUnitRow(matrix[i], i);
            if (!unit[i]) {
                count++;
            }
        }
        active = new int[count];
        units = new int[size - count];
        for (int i = 0, k = 0, u = 0; i < size; i++) {
            if (unit[i]) {
                units[u++] = i;
            } else {
                active[k++] = i;
            }
        }
        factors = new double[count][count];
        coupling = new double[count][];
        for (int a = 0; a < count; a++) {
            double[] row = matrix[active[a]];
            for (int b = 0; b < count; b++) {
                factors[a][b] = row[active[b]];
            }
            coupling[a] = row;
        }
        pivots = new int[count];
        factor(count, block);
        columns = transpose(factors);
    }

    /** In square tiles, so that the rows read and the rows written stay in the cache while a tile is copied. */
    private static double[][] transpose(double[][] matrix) {
        int n = matrix.length;
        double[][] transposed = new double[n][n];
        for (int rowTile = 0; rowTile < n; rowTile += TRANSPOSE_TILE) {
            int rowEnd = Math.min(n, rowTile + TRANSPOSE_TILE);
            for (int columnTile = 0; columnTile < n; columnTile += TRANSPOSE_TILE) {
                int columnEnd = Math.min(n, columnTile + TRANSPOSE_TILE);
                for (int i = rowTile; i < rowEnd; i++) {
                    double[] row = matrix[i];
                    for (int j = columnTile; j < columnEnd; j++) {
                        transposed[j][i] = row[j];
                    }
                }
            }
        }
        return transposed;
    }

    private static boolean isUnitRow(double[] row, int diagonal) {
        for (int j = 0; j < row.length; j++) {
            if (row[j] != (j == diagonal ? 1.0 : 0.0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes the pivots in blocks: within a block, one at a time in the block's columns; then the block's later rows
     * and the rows below it take the block's pivots together right of its columns ({@link RowUpdates}).
     */
    private void factor(int n, int block) {
        for (int first = 0; first < n; first += block) {
            int end = Math.min(n, first + block);
            for (int k = first; k < end; k++) {
                pivot(k, n);
                int pivotRow = k;
                // only the block's columns now; the columns right of them take the block's pivots together below
                Pieces.split(k + 1, n, (long) (n - k - 1) * (end - k) >= PARALLEL_WORK ? Pieces.CORES : 1,
                        (from, to) -> eliminate(pivotRow, from, to, end));
            }
            int blockFirst = first;
            for (int k = first + 1; k < end; k++) {
                RowUpdates.subtract(factors[k], factors, first, k, factors[k], 0, end, n);
            }
            int trailing = n - end;
            Pieces.split(end, n, (long) trailing * trailing >= PARALLEL_WORK ? Pieces.CORES : 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    RowUpdates.subtract(factors[i], factors, blockFirst, end, factors[i], 0, end, n);
                }
            });
        }
    }

    /** Puts the row with the largest |entry| of column k (rows k and below) in row k's place. */
    private void pivot(int k, int n) {
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
        smallestPivot = Math.min(smallestPivot, Math.abs(rowK[k]));
        if (rowK[k] == 0.0) {
            rowK[k] = Double.MIN_NORMAL;
        }
    }

    /**
     * Sets the multipliers of pivot k in rows [from, to) and subtracts multiples of pivot row k from those rows in the
     * columns before {@code end}; each row's arithmetic is the same however split.
     */
    private void eliminate(int k, int from, int to, int end) {
        double[] rowK = factors[k];
        double inverse = 1.0 / rowK[k];
        for (int i = from; i < to; i++) {
            double[] rowI = factors[i];
            double multiplier = rowI[k] * inverse;
            rowI[k] = multiplier;
            if (multiplier != 0.0) {
                for (int j = k + 1; j < end; j++) {
                    rowI[j] -= multiplier * rowK[j];
                }
            }
        }
    }

    /**
     * The factorization of a copy of {@code matrix}, or null when a pivot is at most {@code relativePivot} times the
     * largest |entry|: the matrix is then taken as singular.
     */
    public static DenseLu factor(double[][] matrix, double relativePivot) {
        double largest = 0.0;
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
            for (double entry : copy[i]) {
                largest = Math.max(largest, Math.abs(entry));
            }
        }
        DenseLu lu = new DenseLu(copy);
        return lu.smallestPivot > relativePivot * largest ? lu : null;
    }

    /**
     * Overwrites b with the solution x of A·x = b; x equals b on the rows of the identity. The forward substitution
     * runs down the columns of L, subtracting from each unknown in the order a substitution by rows does, so that x is
     * the same bit for bit. The back substitution stays by rows: down the columns of U it would subtract the later
     * unknowns in the opposite order, and round differently.
     */
    public void solve(double[] b) {
        int n = active.length;
        double[] x = new double[n];
        for (int a = 0; a < n; a++) {
            double sum = b[active[a]];
            double[] row = coupling[a];
            for (int j : units) {
                sum -= row[j] * b[j];
            }
            x[a] = sum;
        }
        for (int k = 0; k < n; k++) {
            double swap = x[k];
            x[k] = x[pivots[k]];
            x[pivots[k]] = swap;
        }
        for (int j = 0; j < n; j++) {
            double[] column = columns[j];
            double known = x[j];
            for (int i = j + 1; i < n; i++) {
                x[i] -= column[i] * known;
            }
        }
        RowUpdates.backSubstitute(factors, x);
        for (int a = 0; a < n; a++) {
            b[active[a]] = x[a];
        }
    }

    /** Overwrites b with the solution x of Aᵀ·x = b, each unknown summed in the order of a solve by rows. */
    public void solveTransposed(double[] b) {
        int n = active.length;
        double[] x = new double[n];
        for (int a = 0; a < n; a++) {
            x[a] = b[active[a]];
        }
        RowUpdates.forwardSubstituteTransposed(factors, x);
        for (int i = n - 1; i >= 0; i--) {
            double[] column = columns[i];
            double sum = x[i];
            for (int k = i + 1; k < n; k++) {
                sum -= column[k] * x[k];
            }
            x[i] = sum;
        }
        for (int k = n - 1; k >= 0; k--) {
            double swap = x[k];
            x[k] = x[pivots[k]];
            x[pivots[k]] = swap;
        }
        // an identity row's unknown: x_j = b_j minus what the active rows' columns j take of their unknowns
        for (int j : units) {
            double sum = b[j];
            for (int a = 0; a < n; a++) {
                sum -= coupling[a][j] * x[a];
            }
            b[j] = sum;
        }
        for (int a = 0; a < n; a++) {
            b[active[a]] = x[a];
        }
    }
}
