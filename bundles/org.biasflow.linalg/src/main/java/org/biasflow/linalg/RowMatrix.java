package org.biasflow.linalg;

import java.util.stream.IntStream;

/**
 * A matrix stored row by row, such as the signed features X̃ (N × d), and the products the flows and the
 * analyzers need with it.
 *
 * <p>Large products are split across the cores. Each output entry is summed in the same order however the work
 * is split, so results do not depend on how many cores there are or how busy they are.
 */
public final class RowMatrix {
    /** Products of fewer multiply-adds stay on the calling thread: about a millisecond of work. */
    private static final long PARALLEL_WORK = 1L << 20;
    /** Features taken together by the weighted Gram matrix ({@link #addWeightedGram}). */
    private static final int GRAM_PANEL = 64;
    /** Rows taken together by X̃ᵀv, which share their loads and stores of the result. */
    private static final int ROW_GROUP = 4;
    /** Rows taken together by X̃v, which share their loads of v. */
    private static final int DOT_GROUP = 8;

    private final int rows;
    private final int columns;
    /**
     * X̃'s rows, each its own array. Read from one flat array at offsets n·d, the loops over the columns of several
     * rows at once (X̃ᵀv above all) were not turned into SIMD by C2 (Java 17), which vectorizes them over separate
     * arrays: X̃ᵀv at N = 1000, d = 10000 on two cores took 2.5–3.3 ms flat against 1.9–2.0 ms by rows.
     */
    private final double[][] entries;
    private final int pieces;

    /** @param features the entries row by row, rows·columns of them; copied into one array a row */
    public RowMatrix(double[] features, int rows, int columns) {
        this(rowsOf(features, rows, columns), columns);
    }

    /** With each product split into at most {@code pieces} parallel pieces. */
    public RowMatrix(double[] features, int rows, int columns, int pieces) {
        this(rowsOf(features, rows, columns), columns, pieces);
    }

    /** @param rows the rows, each of {@code columns} entries; not copied, and not to be changed while in use */
    public RowMatrix(double[][] rows, int columns) {
        this(rows, columns, (long) rows.length * columns < PARALLEL_WORK ? 1 : Pieces.CORES);
    }

    /** With each product split into at most {@code pieces} parallel pieces. */
    public RowMatrix(double[][] rows, int columns, int pieces) {
        for (double[] row : rows) {
            if (row.length != columns) {
                throw new IllegalArgumentException("a row of " + row.length + " entries in a matrix of " + columns
                        + " columns");
            }
        }
        this.entries = rows;
        this.rows = rows.length;
        this.columns = columns;
        this.pieces = pieces;
    }

    /** The entries row by row, rows·columns of them, copied into one array a row. */
    public static double[][] rowsOf(double[] features, int rows, int columns) {
        double[][] split = new double[rows][];
        for (int n = 0; n < rows; n++) {
            split[n] = java.util.Arrays.copyOfRange(features, n * columns, (n + 1) * columns);
        }
        return split;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Copies x̃ₙ into {@code out}. */
    public void row(int n, double[] out) {
        System.arraycopy(entries[n], 0, out, 0, columns);
    }

    /** The submatrix of the given rows and columns, in their order. */
    public RowMatrix select(int[] chosenRows, int[] chosenColumns) {
        double[][] result = new double[chosenRows.length][chosenColumns.length];
        for (int a = 0; a < chosenRows.length; a++) {
            double[] row = entries[chosenRows[a]];
            for (int j = 0; j < chosenColumns.length; j++) {
                result[a][j] = row[chosenColumns[j]];
            }
        }
        return new RowMatrix(result, chosenColumns.length);
    }

    /** ‖x̃ₙ‖². */
    public double squaredRowNorm(int n) {
        return dot(entries[n], 0, entries[n], 0, columns);
    }

    /** out = X̃v for v ∈ ℝᵈ. */
    public void multiply(double[] v, double[] out) {
        multiply(v, out, null);
    }

    /** out = X̃v for v ∈ ℝᵈ in the rows not skipped; the skipped rows of out are left as they are. */
    public void multiply(double[] v, double[] out, boolean[] skipped) {
        inPieces(rows, (from, to) -> {
            int[] group = new int[DOT_GROUP];
            int count = 0;
            for (int n = from; n < to; n++) {
                if (skipped == null || !skipped[n]) {
                    group[count++] = n;
                    if (count == DOT_GROUP) {
                        dots(v, group, group, out);
                        count = 0;
                    }
                }
            }
            if (count > 0) {
                java.util.Arrays.fill(group, count, DOT_GROUP, group[count - 1]);
                dots(v, group, group, out);
            }
        });
    }

    /** out[a] = x̃ₙ·v for n = rows[a]: the rows that matter, where late in a flow or at a huge loss they are few. */
    public void multiplyRows(double[] v, int[] rows, double[] out) {
        inPieces(rows.length, (from, to) -> {
            int[] group = new int[DOT_GROUP];
            int[] targets = new int[DOT_GROUP];
            for (int a = from; a < to; a += DOT_GROUP) {
                for (int k = 0; k < DOT_GROUP; k++) {
                    int target = Math.min(a + k, to - 1);
                    group[k] = rows[target];
                    targets[k] = target;
                }
                dots(v, group, targets, out);
            }
        });
    }

    /**
     * out[targets[k]] = x̃ₙ·v for the {@value #DOT_GROUP} rows n = group[k], each summed as {@link #rowProduct} sums it,
     * while the rows share the loads of v; a group of fewer rows repeats its last. One sum a row in column order,
     * eight rows at a time, is what C2 (Java 17) compiles best here: X̃v at N = 1000, d = 10000 on two cores took
     * 2.0–2.8 ms, against 2.9–3.5 ms four rows at a time and 3.8–4.4 ms with four interleaved partial sums a row.
     */
    private void dots(double[] v, int[] group, int[] targets, double[] out) {
        double[] r0 = entries[group[0]];
        double[] r1 = entries[group[1]];
        double[] r2 = entries[group[2]];
        double[] r3 = entries[group[3]];
        double[] r4 = entries[group[4]];
        double[] r5 = entries[group[5]];
        double[] r6 = entries[group[6]];
        double[] r7 = entries[group[7]];
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        for (int i = 0; i < columns; i++) {
            double vi = v[i];
            s0 += r0[i] * vi;
            s1 += r1[i] * vi;
            s2 += r2[i] * vi;
            s3 += r3[i] * vi;
            s4 += r4[i] * vi;
            s5 += r5[i] * vi;
            s6 += r6[i] * vi;
            s7 += r7[i] * vi;
        }
        out[targets[0]] = s0;
        out[targets[1]] = s1;
        out[targets[2]] = s2;
        out[targets[3]] = s3;
        out[targets[4]] = s4;
        out[targets[5]] = s5;
        out[targets[6]] = s6;
        out[targets[7]] = s7;
    }

    /** x̃ₙ·v summed in column order, as {@link #multiply} sums every row. */
    public double rowProduct(int n, double[] v) {
        double[] row = entries[n];
        double sum = 0.0;
        for (int i = 0; i < columns; i++) {
            sum += row[i] * v[i];
        }
        return sum;
    }

    /** out = X̃ᵀv for v ∈ ℝᴺ; zero entries of v cost nothing, which late in a flow is most of them. */
    public void multiplyTransposed(double[] v, double[] out) {
        inPieces(columns, (from, to) -> {
            java.util.Arrays.fill(out, from, to, 0.0);
            int[] group = new int[ROW_GROUP];
            int count = 0;
            for (int n = 0; n < rows; n++) {
                if (v[n] != 0.0) {
                    group[count++] = n;
                    if (count == ROW_GROUP) {
                        addRows(v, group, from, to, out);
                        count = 0;
                    }
                }
            }
            for (int k = 0; k < count; k++) {
                double scale = v[group[k]];
                double[] row = entries[group[k]];
                for (int i = from; i < to; i++) {
                    out[i] += scale * row[i];
                }
            }
        });
    }

    /**
     * out[i] += vₙ·x̃ₙᵢ over i ∈ [from, to) for the {@value #ROW_GROUP} rows n of the group, one row after the other
     * for each entry, so each sum is that of adding the rows one at a time; out is read and written once per group
     * instead of once per row.
     */
    private void addRows(double[] v, int[] group, int from, int to, double[] out) {
        double s0 = v[group[0]];
        double s1 = v[group[1]];
        double s2 = v[group[2]];
        double s3 = v[group[3]];
        double[] r0 = entries[group[0]];
        double[] r1 = entries[group[1]];
        double[] r2 = entries[group[2]];
        double[] r3 = entries[group[3]];
        for (int i = from; i < to; i++) {
            double sum = out[i] + s0 * r0[i];
            sum = sum + s1 * r1[i];
            sum = sum + s2 * r2[i];
            out[i] = sum + s3 * r3[i];
        }
    }

    /**
     * X̃ᵀv to twice a double's precision, as the unevaluated sum high + low, from error-free products and sums.
     */
    public void multiplyTransposedTwice(double[] v, double[] high, double[] low) {
        inPieces(columns, (from, to) -> {
            java.util.Arrays.fill(high, from, to, 0.0);
            java.util.Arrays.fill(low, from, to, 0.0);
            for (int n = 0; n < rows; n++) {
                double weight = v[n];
                if (weight == 0.0) {
                    continue;
                }
                double[] row = entries[n];
                for (int i = from; i < to; i++) {
                    double x = row[i];
                    double product = weight * x;
                    double productError = Math.fma(weight, x, -product);
                    double sum = high[i] + product;
                    double shifted = sum - product;
                    double sumError = (high[i] - shifted) + (product - (sum - shifted));
                    high[i] = sum;
                    low[i] += sumError + productError;
                }
            }
            for (int i = from; i < to; i++) {
                double sum = high[i] + low[i];
                low[i] -= sum - high[i];
                high[i] = sum;
            }
        });
    }

    /**
     * K = X̃ diag(weights) X̃ᵀ, N × N. Only the entries on and after the diagonal are computed, and K's
     * symmetry gives the others.
     */
    public double[][] weightedGram(double[] weights) {
        return weightedGram(weights, IntStream.range(0, rows).toArray());
    }

    /**
     * The rows and columns {@code chosen} of K = X̃ diag(weights) X̃ᵀ, in that order, computed as
     * {@link #weightedGram(double[])} computes them, from these rows without copying them: late in a flow only a
     * few hundred of a thousand points carry weight, and the Gram matrix of those costs a fraction of the whole.
     */
    public double[][] weightedGram(double[] weights, int[] chosen) {
        double[][] kernel = new double[chosen.length][chosen.length];
        addWeightedGram(weights, chosen, null, kernel);
        return kernel;
    }

    /**
     * kernel += the rows and columns {@code chosen} of X̃ₛ diag(weights) X̃ₛᵀ, where X̃ₛ holds only the columns
     * {@code features} of X̃ (all when null) and weights[j] goes with the j-th of them. Only the entries on and after
     * the diagonal are summed, and K's symmetry gives the others: kernel must be symmetric before.
     *
     * <p>The features go in panels of {@value #GRAM_PANEL}: the chosen rows' weighted entries in the panel,
     * transposed, stay in a core's cache (512 KB for a thousand rows) while every row of K passes over them, and the
     * cores share the rows of K.
     */
    void addWeightedGram(double[] weights, int[] chosen, int[] features, double[][] kernel) {
        int size = chosen.length;
        int width = features == null ? columns : features.length;
        int parts = pieces > 1 && (long) size * size * width >= PARALLEL_WORK ? Math.min(pieces, size) : 1;
        int[] bounds = new int[parts + 1];
        for (int part = 0; part <= parts; part++) {
            bounds[part] = (int) Math.round(size * (1 - Math.sqrt(1 - (double) part / parts)));
        }
        double[][] weighted = new double[GRAM_PANEL][size];
        int[] panelColumns = new int[GRAM_PANEL];
        for (int from = 0; from < width; from += GRAM_PANEL) {
            int count = Math.min(GRAM_PANEL, width - from);
            for (int p = 0; p < count; p++) {
                panelColumns[p] = features == null ? from + p : features[from + p];
            }
            int first = from;
            Pieces.split(0, size, parts, (start, end) -> {
                for (int b = start; b < end; b++) {
                    double[] row = entries[chosen[b]];
                    for (int p = 0; p < count; p++) {
                        weighted[p][b] = weights[first + p] * row[panelColumns[p]];
                    }
                }
            });
            Pieces.split(0, parts, parts, (part, next) -> {
                for (int a = bounds[part]; a < bounds[next]; a++) {
                    addPanel(kernel[a], a, entries[chosen[a]], panelColumns, weighted, count);
                }
            });
        }
        for (int m = 0; m < size; m++) {
            for (int k = 0; k < m; k++) {
                kernel[m][k] = kernel[k][m];
            }
        }
    }

    /**
     * row[b] += Σₚ x̃ₐₚ·weighted[p][b] for b from the diagonal a on, p in order, with x̃ₐₚ = own[panelColumns[p]],
     * own being x̃ₐ. The inner loop runs over b and C2 compiles it to SIMD multiply-adds, while each entry is still
     * summed one p after the other: the sum of a scalar loop, at twice the speed of register-tiled scalar dots
     * (N = 1000, d = 10000 on two cores: 320 ms against 640–740 ms).
     */
    private static void addPanel(double[] row, int a, double[] own, int[] panelColumns, double[][] weighted,
            int count) {
        int size = row.length;
        int p = 0;
        for (; p + 3 < count; p += 4) {
            double x0 = own[panelColumns[p]];
            double x1 = own[panelColumns[p + 1]];
            double x2 = own[panelColumns[p + 2]];
            double x3 = own[panelColumns[p + 3]];
            double[] t0 = weighted[p];
            double[] t1 = weighted[p + 1];
            double[] t2 = weighted[p + 2];
            double[] t3 = weighted[p + 3];
            for (int b = a; b < size; b++) {
                double sum = Math.fma(x0, t0[b], row[b]);
                sum = Math.fma(x1, t1[b], sum);
                sum = Math.fma(x2, t2[b], sum);
                row[b] = Math.fma(x3, t3[b], sum);
            }
        }
        for (; p < count; p++) {
            double x = own[panelColumns[p]];
            double[] t = weighted[p];
            for (int b = a; b < size; b++) {
                row[b] = Math.fma(x, t[b], row[b]);
            }
        }
    }

    /** Σᵢ a[aOffset + i]·b[bOffset + i], unrolled so that the four partial sums pipeline. */
    public static double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
            s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
            s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Runs body over [0, length) in one piece per core for a large matrix, else in one piece here. */
    private void inPieces(int length, Pieces.Range body) {
        Pieces.split(0, length, length < 2 * pieces ? 1 : pieces, body);
    }
}
