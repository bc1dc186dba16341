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
        return ReferenceSolvers.threshold(data, alpha, depth, tolerance, null, null);
    }

    /**
     * The same for an initialization of shape u (coordinate i at scale α·uᵢ; {@code shape} one value or one per
     * feature, {@code null} for 1) and, at depth 2, an unbalanced one (u₋ for w₋, {@code null} for u). The record's
     * {@link Threshold#alpha()} is then the scale of the uniform initialization with the same μ:
     * α·mean((u₊u₋)^{D/2})^{1/D}. A shape that weighs coordinates unequally (or an unbalanced one) has the weighted
     * ℓ2 predictor min Σβᵢ²/cᵢ at the path's large-μ end, not the ℓ2 max-margin one: its kernel side is NaN.
     */
    public static Threshold threshold(DataSet data, double alpha, int depth, double tolerance, double[] shape,
            double[] negativeShape) {
        return ReferenceSolvers.threshold(data, alpha, depth, tolerance, shape, negativeShape);
    }

    /**
     * Whether {@link #threshold(DataSet, double, int, double, double[], double[])} gives a kernel side for these
     * shapes: when every u₊ᵢ and u₋ᵢ is the same value, whose path ends at the ℓ2 predictor.
     */
    public static boolean hasKernelSide(double[] shape, double[] negativeShape) {
        return ReferenceSolvers.hasKernelSide(shape, negativeShape);
    }
}
