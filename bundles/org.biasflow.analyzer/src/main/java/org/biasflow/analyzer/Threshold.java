package org.biasflow.analyzer;

/**
 * The training accuracies at which gradient flow from scale α reaches each regime's prediction within a
 * tolerance, read off the Q_μ path to leading order: at loss ε, μ ≈ α^D / ln(1/ε), so
 * log10 ε = −α^D / (μ ln 10).
 *
 * <p>For D &gt; 2 the path is that of Q^D_μ, whose μ → 0 end is still the ℓ1 max-margin predictor, so the rich
 * threshold is where that path says β̂ enters the tolerance around the ℓ1 direction. It is not where gradient flow
 * ends: at fixed α and ε → 0 the flow tends to a KKT point of min ‖β‖_{2/D} s.t. X̃β ≥ 1, and its passage near the
 * ℓ1 direction can be transient. The threshold does not locate that limit; the per-checkpoint ℓ_{2/D} KKT residual
 * of the regime diagnostics measures how near β̂ is to it.
 *
 * @param alpha initialization scale α
 * @param depth network depth D
 * @param tolerance the relative distance ‖β̂ − β_ref‖₂ / ‖β_ref‖₂ counted as "within"
 * @param richMu the largest μ below which the Q_μ minimizer stays within tolerance of the ℓ1 max-margin predictor;
 *               NaN when not reached down to {@link #smallestMu}
 * @param richLog10Loss log10 ε below which β̂ is within tolerance of the ℓ1 direction; when not reached, the
 *                      bound −α^D/(smallestMu·ln 10) below which the threshold lies
 * @param kernelMu the smallest μ above which the Q_μ minimizer stays within tolerance of the ℓ2 predictor
 * @param kernelLog10Loss log10 ε above which β̂ is within tolerance of the ℓ2 direction
 * @param smallestMu the smallest μ searched
 * @param l1Unique whether the ℓ1 max-margin predictor is unique (when it is not, Q_μ tends to one particular
 *                 minimizer and the rich threshold is measured to the one the LP returned)
 * @param solves Q_μ solves spent
 */
public record Threshold(double alpha, int depth, double tolerance, double richMu, double richLog10Loss,
        double kernelMu, double kernelLog10Loss, double smallestMu, boolean l1Unique, int solves) {

    public boolean richReached() {
        return !Double.isNaN(richMu);
    }

    /** log10 ε for the scale μ, to leading order in 1/ln(1/ε). */
    public static double log10Loss(double alpha, int depth, double mu) {
        return -Math.pow(alpha, depth) / (mu * Math.log(10));
    }
}
