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
    /**
     * Rows of the weighted Gram matrix go in blocks, so that each row x̃ₖ is read from memory once per block
     * rather than once per row: for N = 1000, d = 10000 the features fill 80 MB, and streaming them for every row
     * would bound the kernel by memory bandwidth.
     */
    private static final int GRAM_BLOCK = 8;
    /** Rows taken together by the products with v, which share their loads of v or of the result. */
    private static final int ROW_GROUP = 4;

    private final int rows;
    private final int columns;
    private final double[] features;
    private final int pieces;

    /** @param features the entries row by row, rows·columns of them; not copied */
    public RowMatrix(double[] features, int rows, int columns) {
        this(features, rows, columns,
                (long) rows * columns < PARALLEL_WORK ? 1 : Pieces.CORES);
    }

    /** With each product split into at most {@code pieces} parallel pieces. */
    public RowMatrix(double[] features, int rows, int columns, int pieces) {
        this.features = features;
        this.rows = rows;
        this.columns = columns;
        this.pieces = pieces;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Copies x̃ₙ into {@code out}. */
    public void row(int n, double[] out) {
        System.arraycopy(features, n * columns, out, 0, columns);
    }

    /** The submatrix of the given rows and columns, in their order. */
    public RowMatrix select(int[] chosenRows, int[] chosenColumns) {
        double[] result = new double[chosenRows.length * chosenColumns.length];
        for (int a = 0; a < chosenRows.length; a++) {
            int offset = chosenRows[a] * columns;
            int target = a * chosenColumns.length;
            for (int j = 0; j < chosenColumns.length; j++) {
                result[target + j] = features[offset + chosenColumns[j]];
            }
        }
        return new RowMatrix(result, chosenRows.length, chosenColumns.length);
    }

    /** ‖x̃ₙ‖². */
    public double squaredRowNorm(int n) {
        return dot(features, n * columns, features, n * columns, columns);
    }

    /** out = X̃v for v ∈ ℝᵈ. */
    public void multiply(double[] v, double[] out) {
        multiply(v, out, null);
    }

    /** out = X̃v for v ∈ ℝᵈ in the rows not skipped; the skipped rows of out are left as they are. */
    public void multiply(double[] v, double[] out, boolean[] skipped) {
        inPieces(rows, (from, to) -> {
            int[] group = new int[ROW_GROUP];
            int count = 0;
            for (int n = from; n < to; n++) {
                if (skipped == null || !skipped[n]) {
                    group[count++] = n;
                    if (count == ROW_GROUP) {
                        dots(v, group, group, out);
                        count = 0;
                    }
                }
            }
            for (int k = 0; k < count; k++) {
                out[group[k]] = dot(features, group[k] * columns, v, 0, columns);
            }
        });
    }

    /** out[a] = x̃ₙ·v for n = rows[a]: the rows that matter, where late in a flow or at a huge loss they are few. */
    public void multiplyRows(double[] v, int[] rows, double[] out) {
        inPieces(rows.length, (from, to) -> {
            int a = from;
            for (; a + ROW_GROUP <= to; a += ROW_GROUP) {
                int[] group = java.util.Arrays.copyOfRange(rows, a, a + ROW_GROUP);
                int[] targets = {a, a + 1, a + 2, a + 3};
                dots(v, group, targets, out);
            }
            for (; a < to; a++) {
                out[a] = dot(features, rows[a] * columns, v, 0, columns);
            }
        });
    }

    /**
     * out[targets[k]] = x̃ₙ·v for the {@value #ROW_GROUP} rows n = group[k], each summed exactly as {@link #dot}
     * sums it: the rows share the loads of v, which makes a product over all rows about twice as fast.
     */
    private void dots(double[] v, int[] group, int[] targets, double[] out) {
        int o0 = group[0] * columns;
        int o1 = group[1] * columns;
        int o2 = group[2] * columns;
        int o3 = group[3] * columns;
        double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
        double b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0;
        double c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0;
        double d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0;
        int i = 0;
        for (; i + 3 < columns; i += 4) {
            double v0 = v[i];
            double v1 = v[i + 1];
            double v2 = v[i + 2];
            double v3 = v[i + 3];
            a0 += features[o0 + i] * v0;
            a1 += features[o0 + i + 1] * v1;
            a2 += features[o0 + i + 2] * v2;
            a3 += features[o0 + i + 3] * v3;
            b0 += features[o1 + i] * v0;
            b1 += features[o1 + i + 1] * v1;
            b2 += features[o1 + i + 2] * v2;
            b3 += features[o1 + i + 3] * v3;
            c0 += features[o2 + i] * v0;
            c1 += features[o2 + i + 1] * v1;
            c2 += features[o2 + i + 2] * v2;
            c3 += features[o2 + i + 3] * v3;
            d0 += features[o3 + i] * v0;
            d1 += features[o3 + i + 1] * v1;
            d2 += features[o3 + i + 2] * v2;
            d3 += features[o3 + i + 3] * v3;
        }
        for (; i < columns; i++) {
            a0 += features[o0 + i] * v[i];
            b0 += features[o1 + i] * v[i];
            c0 += features[o2 + i] * v[i];
            d0 += features[o3 + i] * v[i];
        }
        out[targets[0]] = (a0 + a1) + (a2 + a3);
        out[targets[1]] = (b0 + b1) + (b2 + b3);
        out[targets[2]] = (c0 + c1) + (c2 + c3);
        out[targets[3]] = (d0 + d1) + (d2 + d3);
    }

    /** x̃ₙ·v, as {@link #multiply} computes it. */
    public double rowProduct(int n, double[] v) {
        return dot(features, n * columns, v, 0, columns);
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
                int offset = group[k] * columns;
                for (int i = from; i < to; i++) {
                    out[i] += scale * features[offset + i];
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
        int o0 = group[0] * columns;
        int o1 = group[1] * columns;
        int o2 = group[2] * columns;
        int o3 = group[3] * columns;
        for (int i = from; i < to; i++) {
            double sum = out[i] + s0 * features[o0 + i];
            sum = sum + s1 * features[o1 + i];
            sum = sum + s2 * features[o2 + i];
            out[i] = sum + s3 * features[o3 + i];
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
                int offset = n * columns;
                for (int i = from; i < to; i++) {
                    double x = features[offset + i];
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
     * K = X̃ diag(weights) X̃ᵀ, N × N. Only the entries on and after the diagonal's block are computed, and K's
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
        int size = chosen.length;
        double[][] kernel = new double[size][size];
        int blocks = (size + GRAM_BLOCK - 1) / GRAM_BLOCK;
        IntStream indices = IntStream.range(0, blocks);
        if (pieces > 1 && (long) size * size * columns >= PARALLEL_WORK) {
            indices = indices.parallel();
        }
        indices.forEach(block -> gramBlock(weights, chosen, block, kernel));
        for (int m = 0; m < size; m++) {
            int first = m - m % GRAM_BLOCK;
            for (int k = 0; k < first; k++) {
                kernel[m][k] = kernel[k][m];
            }
        }
        return kernel;
    }

    /** Entries (m, k) for the block's chosen rows m and every chosen k from the block's first row on. */
    private void gramBlock(double[] weights, int[] chosen, int block, double[][] kernel) {
        int size = chosen.length;
        int first = block * GRAM_BLOCK;
        int count = Math.min(size - first, GRAM_BLOCK);
        double[][] scaled = new double[GRAM_BLOCK][columns];
        double[][] targets = new double[GRAM_BLOCK][];
        for (int b = 0; b < GRAM_BLOCK; b++) {
            targets[b] = b < count ? kernel[first + b] : new double[size];
            if (b < count) {
                int offset = chosen[first + b] * columns;
                for (int i = 0; i < columns; i++) {
                    scaled[b][i] = weights[i] * features[offset + i];
                }
            }
        }
        int last = size - 1;
        for (int j = first; j < size; j += 4) {
            int[] k = {j, Math.min(j + 1, last), Math.min(j + 2, last), Math.min(j + 3, last)};
            int[] offsets = {chosen[k[0]] * columns, chosen[k[1]] * columns, chosen[k[2]] * columns,
                chosen[k[3]] * columns};
            for (int b = 0; b < count; b += 4) {
                tile(k, offsets, scaled, b, targets);
            }
        }
    }

    /**
     * The dots of scaled rows b … b+3 with the feature rows at {@code offsets}, written to columns k[0] … k[3] of the
     * targets. Eight loads feed sixteen multiply-adds, where one dot at a time needs two loads for each.
     */
    private void tile(int[] k, int[] offsets, double[][] scaled, int b, double[][] targets) {
        double[] s0 = scaled[b];
        double[] s1 = scaled[b + 1];
        double[] s2 = scaled[b + 2];
        double[] s3 = scaled[b + 3];
        int o0 = offsets[0];
        int o1 = offsets[1];
        int o2 = offsets[2];
        int o3 = offsets[3];
        double a00 = 0.0, a01 = 0.0, a02 = 0.0, a03 = 0.0;
        double a10 = 0.0, a11 = 0.0, a12 = 0.0, a13 = 0.0;
        double a20 = 0.0, a21 = 0.0, a22 = 0.0, a23 = 0.0;
        double a30 = 0.0, a31 = 0.0, a32 = 0.0, a33 = 0.0;
        for (int i = 0; i < columns; i++) {
            double x0 = features[o0 + i];
            double x1 = features[o1 + i];
            double x2 = features[o2 + i];
            double x3 = features[o3 + i];
            double t0 = s0[i];
            double t1 = s1[i];
            double t2 = s2[i];
            double t3 = s3[i];
            a00 = Math.fma(t0, x0, a00);
            a01 = Math.fma(t0, x1, a01);
            a02 = Math.fma(t0, x2, a02);
            a03 = Math.fma(t0, x3, a03);
            a10 = Math.fma(t1, x0, a10);
            a11 = Math.fma(t1, x1, a11);
            a12 = Math.fma(t1, x2, a12);
            a13 = Math.fma(t1, x3, a13);
            a20 = Math.fma(t2, x0, a20);
            a21 = Math.fma(t2, x1, a21);
            a22 = Math.fma(t2, x2, a22);
            a23 = Math.fma(t2, x3, a23);
            a30 = Math.fma(t3, x0, a30);
            a31 = Math.fma(t3, x1, a31);
            a32 = Math.fma(t3, x2, a32);
            a33 = Math.fma(t3, x3, a33);
        }
        store(targets[b], k, a00, a01, a02, a03);
        store(targets[b + 1], k, a10, a11, a12, a13);
        store(targets[b + 2], k, a20, a21, a22, a23);
        store(targets[b + 3], k, a30, a31, a32, a33);
    }

    /** Writes the four dots in reverse, so that a column repeated to pad the tile keeps its first value. */
    private static void store(double[] target, int[] k, double v0, double v1, double v2, double v3) {
        target[k[3]] = v3;
        target[k[2]] = v2;
        target[k[1]] = v1;
        target[k[0]] = v0;
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
