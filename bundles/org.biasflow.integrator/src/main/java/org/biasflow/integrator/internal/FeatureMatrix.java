package org.biasflow.integrator.internal;

import java.util.stream.IntStream;

/**
 * The signed features X̃ (N × d), row by row, and the products a flow needs with them.
 *
 * <p>Large products are split across the cores. Each output entry is summed in the same order however the work
 * is split, so results do not depend on how many cores there are or how busy they are.
 */
final class FeatureMatrix {
    /** Products of fewer multiply-adds stay on the calling thread: about a millisecond of work. */
    private static final long PARALLEL_WORK = 1L << 20;
    /**
     * Rows of the weighted Gram matrix go in blocks, so that each row x̃ₖ is read from memory once per block
     * rather than once per row: for N = 1000, d = 10000 the features fill 80 MB, and streaming them for every row
     * would bound the kernel by memory bandwidth.
     */
    private static final int GRAM_BLOCK = 8;

    final int rows;
    final int columns;
    private final double[] features;
    private final int pieces;

    /** @param features X̃ row by row, N·d entries; not copied */
    FeatureMatrix(double[] features, int rows, int columns) {
        this(features, rows, columns,
                (long) rows * columns < PARALLEL_WORK ? 1 : Runtime.getRuntime().availableProcessors());
    }

    /** With each product split into at most {@code pieces} parallel pieces. */
    FeatureMatrix(double[] features, int rows, int columns, int pieces) {
        this.features = features;
        this.rows = rows;
        this.columns = columns;
        this.pieces = pieces;
    }

    /** Copies x̃ₙ into {@code out}. */
    void row(int n, double[] out) {
        System.arraycopy(features, n * columns, out, 0, columns);
    }

    /** ‖x̃ₙ‖². */
    double squaredRowNorm(int n) {
        return dot(features, n * columns, features, n * columns, columns);
    }

    /** out = X̃v for v ∈ ℝᵈ. */
    void multiply(double[] v, double[] out) {
        multiply(v, out, null);
    }

    /** out = X̃v for v ∈ ℝᵈ in the rows not skipped; the skipped rows of out are left as they are. */
    void multiply(double[] v, double[] out, boolean[] skipped) {
        inPieces(rows, (from, to) -> {
            for (int n = from; n < to; n++) {
                if (skipped == null || !skipped[n]) {
                    out[n] = dot(features, n * columns, v, 0, columns);
                }
            }
        });
    }

    /** out[a] = x̃ₙ·v for n = rows[a]: the rows that matter, where late in a flow or at a huge loss they are few. */
    void multiplyRows(double[] v, int[] rows, double[] out) {
        inPieces(rows.length, (from, to) -> {
            for (int a = from; a < to; a++) {
                out[a] = dot(features, rows[a] * columns, v, 0, columns);
            }
        });
    }

    /** x̃ₙ·v, as {@link #multiply} computes it. */
    double rowProduct(int n, double[] v) {
        return dot(features, n * columns, v, 0, columns);
    }

    /** out = X̃ᵀv for v ∈ ℝᴺ; zero entries of v cost nothing, which late in a flow is most of them. */
    void multiplyTransposed(double[] v, double[] out) {
        inPieces(columns, (from, to) -> {
            java.util.Arrays.fill(out, from, to, 0.0);
            for (int n = 0; n < rows; n++) {
                double scale = v[n];
                if (scale != 0.0) {
                    int offset = n * columns;
                    for (int i = from; i < to; i++) {
                        out[i] += scale * features[offset + i];
                    }
                }
            }
        });
    }

    /**
     * X̃ᵀv to twice a double's precision, as the unevaluated sum high + low, from error-free products and sums.
     */
    void multiplyTransposedTwice(double[] v, double[] high, double[] low) {
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
     * Rows m of K = X̃ diag(weights) X̃ᵀ where asked, null elsewhere. Between two asked rows only one entry is
     * computed, and K's symmetry gives the other.
     */
    double[][] weightedGramRows(double[] weights, boolean[] asked) {
        double[][] kernel = new double[rows][];
        int[] askedRows = IntStream.range(0, rows).filter(m -> asked[m]).toArray();
        for (int m : askedRows) {
            kernel[m] = new double[rows];
        }
        int blocks = (askedRows.length + GRAM_BLOCK - 1) / GRAM_BLOCK;
        IntStream indices = IntStream.range(0, blocks);
        if (pieces > 1 && (long) askedRows.length * rows * columns >= PARALLEL_WORK) {
            indices = indices.parallel();
        }
        indices.forEach(block -> gramBlock(weights, asked, askedRows, block, kernel));
        for (int a = 0; a < askedRows.length; a++) {
            int m = askedRows[a];
            int first = askedRows[a - a % GRAM_BLOCK];
            for (int b = 0; b < a && askedRows[b] < first; b++) {
                int k = askedRows[b];
                kernel[m][k] = kernel[k][m];
            }
        }
        return kernel;
    }

    /** Entries (m, k) for the block's rows m and every k except asked ones before the block's first row. */
    private void gramBlock(double[] weights, boolean[] asked, int[] askedRows, int block, double[][] kernel) {
        int first = block * GRAM_BLOCK;
        int count = Math.min(askedRows.length - first, GRAM_BLOCK);
        double[][] scaled = new double[GRAM_BLOCK][columns];
        double[][] targets = new double[GRAM_BLOCK][];
        for (int b = 0; b < GRAM_BLOCK; b++) {
            targets[b] = b < count ? kernel[askedRows[first + b]] : new double[rows];
            if (b < count) {
                int offset = askedRows[first + b] * columns;
                for (int i = 0; i < columns; i++) {
                    scaled[b][i] = weights[i] * features[offset + i];
                }
            }
        }
        int firstRow = askedRows[first];
        int[] needed = IntStream.range(0, rows).filter(k -> k >= firstRow || !asked[k]).toArray();
        for (int j = 0; j < needed.length; j += 2) {
            int k0 = needed[j];
            int k1 = needed[Math.min(j + 1, needed.length - 1)];
            for (int b = 0; b < count; b += 4) {
                dots(k0 * columns, k1 * columns, scaled, b, targets, k0, k1);
            }
        }
    }

    /**
     * The dots of scaled rows b … b+3 with the feature rows at two offsets, written to columns k0 and k1 of the
     * targets. Six loads feed eight multiply-adds, where one dot at a time needs two loads for each.
     */
    private void dots(int offset0, int offset1, double[][] scaled, int b, double[][] targets, int k0, int k1) {
        double[] s0 = scaled[b];
        double[] s1 = scaled[b + 1];
        double[] s2 = scaled[b + 2];
        double[] s3 = scaled[b + 3];
        double a00 = 0.0;
        double a01 = 0.0;
        double a10 = 0.0;
        double a11 = 0.0;
        double a20 = 0.0;
        double a21 = 0.0;
        double a30 = 0.0;
        double a31 = 0.0;
        for (int i = 0; i < columns; i++) {
            double x0 = features[offset0 + i];
            double x1 = features[offset1 + i];
            a00 = Math.fma(s0[i], x0, a00);
            a01 = Math.fma(s0[i], x1, a01);
            a10 = Math.fma(s1[i], x0, a10);
            a11 = Math.fma(s1[i], x1, a11);
            a20 = Math.fma(s2[i], x0, a20);
            a21 = Math.fma(s2[i], x1, a21);
            a30 = Math.fma(s3[i], x0, a30);
            a31 = Math.fma(s3[i], x1, a31);
        }
        targets[b][k0] = a00;
        targets[b][k1] = a01;
        targets[b + 1][k0] = a10;
        targets[b + 1][k1] = a11;
        targets[b + 2][k0] = a20;
        targets[b + 2][k1] = a21;
        targets[b + 3][k0] = a30;
        targets[b + 3][k1] = a31;
    }

    /** Σᵢ a[aOffset + i]·b[bOffset + i], unrolled so that the four partial sums pipeline. */
    static double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
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

    private interface Range {
        void run(int from, int to);
    }

    /** Runs body over [0, length) in one piece per core for a large matrix, else in one piece here. */
    private void inPieces(int length, Range body) {
        if (pieces == 1 || length < 2 * pieces) {
            body.run(0, length);
            return;
        }
        int size = (length + pieces - 1) / pieces;
        IntStream.range(0, pieces).parallel().forEach(piece -> {
            int from = piece * size;
            body.run(from, Math.min(length, from + size));
        });
    }
}
