package org.biasflow.integrator.internal;

import java.util.stream.IntStream;

import org.biasflow.linalg.RowMatrix;

/**
 * K = X̃ diag(f') X̃ᵀ for the Jacobians of the ν flow, kept from one Jacobian to the next and brought up to date only
 * in the features whose slope f'ᵢ has moved by more than {@link #DRIFT} of the value its term in K carries.
 *
 * <p>Why: forming K costs N²d/2 multiply-adds (at N = 1000, d = 10000 about a second, 40 % of a run), while Newton
 * asks for a new Jacobian mostly because the weights p and curvatures c have moved, which are cheap: traced at
 * α = 10 to 1e-10000, the first Jacobians saw no f'ᵢ move by 10⁻³, and later ones 100 to 6,000 of the 10,000.
 * Each term left as it was is off by less than {@link #DRIFT} of itself, so K is off by less than that fraction of
 * itself in the order of positive semi-definite matrices. A percent was too much: the Newton matrix
 * (diag p − ppᵀ)K nearly annihilates the direction of ones, and at N = 100, d = 1000, α = 10 to 1e-1000000 it took
 * 155 Jacobians instead of 101; with 10⁻³, 112 (and 28 for 27 at α = 1).
 */
final class SlopeKernel {
    /** The relative change of f'ᵢ beyond which feature i's term in K is brought up to date. */
    static final double DRIFT = 1e-3;

    private final RowMatrix features;
    private final int[] allRows;
    /** The f'ᵢ that feature i's term in {@link #kernel} carries. */
    private final double[] carried;
    private double[][] kernel;
    private long updatedFeatures;

    SlopeKernel(RowMatrix features) {
        this.features = features;
        allRows = IntStream.range(0, features.rows()).toArray();
        carried = new double[features.columns()];
    }

    /** K at the given slopes, to within {@link #DRIFT} in each feature's term; the rows are shared, not copies. */
    double[][] at(double[] slope) {
        int[] moved = IntStream.range(0, slope.length).filter(i -> moved(slope[i], carried[i])).toArray();
        // an update cannot take a term that is not a finite number out again, so such a term makes K afresh
        if (kernel == null || 2 * moved.length > slope.length
                || IntStream.of(moved).anyMatch(i -> !Double.isFinite(slope[i] - carried[i]))) {
            kernel = features.weightedGram(slope);
            System.arraycopy(slope, 0, carried, 0, slope.length);
            updatedFeatures += slope.length;
            return kernel;
        }
        if (moved.length == 0) {
            return kernel;
        }
        double[] change = new double[moved.length];
        for (int j = 0; j < moved.length; j++) {
            change[j] = slope[moved[j]] - carried[moved[j]];
            carried[moved[j]] = slope[moved[j]];
        }
        double[][] update = features.select(allRows, moved).weightedGram(change);
        for (int m = 0; m < kernel.length; m++) {
            double[] row = kernel[m];
            double[] added = update[m];
            for (int k = 0; k < row.length; k++) {
                row[k] += added[k];
            }
        }
        updatedFeatures += moved.length;
        return kernel;
    }

    /** Whether a term carried at {@code before} is more than {@link #DRIFT} of itself away from {@code now}. */
    private static boolean moved(double now, double before) {
        return !(Double.isFinite(before) && Math.abs(now - before) <= DRIFT * Math.abs(before));
    }

    /** Feature terms computed so far, full formations counting d each. */
    long updatedFeatures() {
        return updatedFeatures;
    }
}
