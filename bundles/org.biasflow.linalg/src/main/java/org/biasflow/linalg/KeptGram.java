package org.biasflow.linalg;

import java.util.stream.IntStream;

/**
 * K = X̃ diag(w) X̃ᵀ for weights w that change a little between calls, kept from one call to the next and brought up
 * to date only in the features whose weight wᵢ has moved by more than {@link #DRIFT} of the value its term in K
 * carries. Each term left as it was is off by less than {@link #DRIFT} of itself, so K is off by less than that
 * fraction of itself in the order of positive semi-definite matrices: close enough for Newton's method, which then
 * converges as with the exact matrix to within a factor {@link #DRIFT} per iteration.
 *
 * <p>Why: forming K costs N²d/2 multiply-adds (at N = 1000, d = 10000 about a second). The ν flow asks for a new
 * Jacobian mostly because the point weights p and curvatures c have moved, which are cheap, while its feature slopes
 * f' have hardly moved (traced at α = 10 to 1e-10000: none by 10⁻³ between the first Jacobians, 100 to 6,000 of the
 * 10,000 later); the last Newton iterations of the analyzers' Q_μ duals move no feature weight by 10⁻³ at all. A
 * percent was too much for the flow: its Newton matrix (diag p − ppᵀ)K nearly annihilates the direction of ones, and
 * at N = 100, d = 1000, α = 10 to 1e-1000000 it took 155 Jacobians instead of 101; with 10⁻³, 112.
 */
public final class KeptGram {
    /** The relative change of wᵢ beyond which feature i's term in K is brought up to date. */
    public static final double DRIFT = 1e-3;
    /**
     * The fraction of features moved beyond which K is formed afresh rather than updated. An update costs in
     * proportion to the features moved, and slightly more per feature (their entries are gathered from scattered
     * columns): it pays until nearly all have moved. At N = 1000, d = 10000, α = 10 the ν flow's Jacobians see
     * 40–67 % of the features move between them; with formations from half on, its Gram matrices took 72.6 s to
     * 1e-1000000, with updates up to 90 %, 57.6 s.
     */
    private static final double AFRESH = 0.9;

    private final RowMatrix features;
    private final int[] allRows;
    /** The wᵢ that feature i's term in {@link #kernel} carries. */
    private final double[] carried;
    /** The rows and columns of X̃ that {@link #kernel} holds, ascending. */
    private int[] keptRows;
    private double[][] kernel;
    private long updatedFeatures;

    /** For the rows and columns of {@code features}; nothing is computed before the first {@link #at}. */
    public KeptGram(RowMatrix features) {
        this.features = features;
        allRows = IntStream.range(0, features.rows()).toArray();
        carried = new double[features.columns()];
    }

    /**
     * K at the given weights, to within {@link #DRIFT} in each feature's term. The rows are this object's own, kept
     * for the next call: read them, do not change them.
     */
    public double[][] at(double[] weights) {
        return at(weights, allRows);
    }

    /**
     * The given rows and columns of K, in that order, at the given weights, to within {@link #DRIFT} in each
     * feature's term. Rows dropped since the last call cost nothing; a row not kept before makes K afresh, as do
     * weights that moved in nearly every feature ({@link #AFRESH}). The rows are this object's own: read them, do not
     * change them.
     *
     * @param rows ascending indices of rows of X̃
     */
    public double[][] at(double[] weights, int[] rows) {
        int[] moved = IntStream.range(0, weights.length).filter(i -> moved(weights[i], carried[i])).toArray();
        // an update cannot take a term that is not a finite number out again, so such a term makes K afresh
        if (kernel == null || moved.length > AFRESH * weights.length || !contains(keptRows, rows)
                || IntStream.of(moved).anyMatch(i -> !Double.isFinite(weights[i] - carried[i]))) {
            kernel = features.weightedGram(weights, rows);
            keptRows = rows.clone();
            System.arraycopy(weights, 0, carried, 0, weights.length);
            updatedFeatures += weights.length;
            return kernel;
        }
        if (rows.length < keptRows.length) {
            kernel = restricted(kernel, keptRows, rows);
            keptRows = rows.clone();
        }
        if (moved.length == 0) {
            return kernel;
        }
        double[] change = new double[moved.length];
        for (int j = 0; j < moved.length; j++) {
            change[j] = weights[moved[j]] - carried[moved[j]];
            carried[moved[j]] = weights[moved[j]];
        }
        features.addWeightedGram(change, keptRows, moved, kernel);
        updatedFeatures += moved.length;
        return kernel;
    }

    /** Whether every index of the ascending {@code subset} is in the ascending {@code set}. */
    private static boolean contains(int[] set, int[] subset) {
        int j = 0;
        for (int index : subset) {
            while (j < set.length && set[j] < index) {
                j++;
            }
            if (j == set.length || set[j] != index) {
                return false;
            }
        }
        return true;
    }

    /** The entries of {@code matrix}, over the ascending {@code rows}, that lie in the rows and columns {@code kept}. */
    private static double[][] restricted(double[][] matrix, int[] rows, int[] kept) {
        int[] positions = new int[kept.length];
        int j = 0;
        for (int a = 0; a < kept.length; a++) {
            while (rows[j] != kept[a]) {
                j++;
            }
            positions[a] = j;
        }
        double[][] result = new double[kept.length][kept.length];
        for (int a = 0; a < kept.length; a++) {
            double[] source = matrix[positions[a]];
            double[] target = result[a];
            for (int b = 0; b < kept.length; b++) {
                target[b] = source[positions[b]];
            }
        }
        return result;
    }

    /** Whether a term carried at {@code before} is more than {@link #DRIFT} of itself away from {@code now}. */
    private static boolean moved(double now, double before) {
        return !(Double.isFinite(before) && Math.abs(now - before) <= DRIFT * Math.abs(before));
    }

    /** Feature terms computed so far, full formations counting d each. */
    public long updatedFeatures() {
        return updatedFeatures;
    }
}
