package org.biasflow.analyzer;

import org.biasflow.analyzer.internal.ReferenceSolvers;
import org.biasflow.api.DataSet;

/** The reference predictors the analyzers compare gradient flow with, for callers such as shell commands. */
public final class References {
    private References() {
    }

    /**
     * The ℓ1 or ℓ2 max-margin predictor, cached per data content so that repeated calls (and the analyzers of
     * runs on the same data) solve once.
     *
     * @throws IllegalArgumentException when the data are not linearly separable
     */
    public static MaxMargin maxMargin(DataSet data, Norm norm) {
        return ReferenceSolvers.maxMargin(data, norm);
    }

    /**
     * The minimizer of Q^D_μ subject to X̃β ≥ 1.
     *
     * @throws IllegalArgumentException when μ ≤ 0 or not finite, D &lt; 2, or the data are not separable
     */
    public static Prediction predict(DataSet data, double mu, int depth) {
        return ReferenceSolvers.predict(data, mu, depth);
    }

    /**
     * The rich-side and kernel-side training-accuracy thresholds for scale α and depth D.
     *
     * @param tolerance relative distance to the regime's predictor counted as reached, in (0, 1)
     * @throws IllegalArgumentException on α ≤ 0, D &lt; 2, a tolerance outside (0, 1), or non-separable data
     */
    public static Threshold threshold(DataSet data, double alpha, int depth, double tolerance) {
        return ReferenceSolvers.threshold(data, alpha, depth, tolerance);
    }
}
