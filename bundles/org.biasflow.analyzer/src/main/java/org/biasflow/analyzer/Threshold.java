package org.biasflow.analyzer;

/**
 * What the theory predicts for the training accuracies at which gradient flow from scale α (shape u = 1) comes
 * within a tolerance of each regime's predictor. It is the Q_μ path read through a clock, and it rests on two
 * approximations, both stated here because a prediction is only as good as they are:
 * <ol>
 * <li><b>The flow's β̂ is on the Q_μ path.</b> β̂ = β/γ satisfies ∇Q_μ(β̂) = X̃ᵀλ exactly, with λ the integrated
 * losses; it is the minimizer of Q_μ over X̃β ≥ 1 only when the λ of the non-support points are negligible. For
 * D = 2 they vanish relative to the others as ε → 0, so the error (the flow's {@code qmu_distance}) shrinks as
 * ln(1/ε) grows: it is of the order of 0.1 at ln(1/ε) ≈ 10 and a few hundredths by ln(1/ε) ≈ 300 on small Gaussian
 * data. A crossing predicted at a loss where that error is as large as the tolerance is not a prediction of the
 * flow: in particular the flow starts at β = 0 heading along X̃ᵀ1, not along the ℓ2 predictor, so the kernel-side
 * threshold describes the path, and the flow only where it has settled on it.</li>
 * <li><b>The clock.</b> μ = α^D/γ with γ the flow's margin, and ln(1/ε) ≤ γ ≤ ln(1/ε) + ln N for the exponential
 * loss, so log10 ε = −α^D/(μ ln 10) to leading order, up to log10 N.</li>
 * </ol>
 *
 * <p>For D &gt; 2 the theory does not apply at fixed α: s = X̃ᵀν must stay inside the box |sᵢ| &lt; 1/(D(D−2)α^{D−2}),
 * so when X̃ has full row rank the integrated losses ν stay bounded, the non-support points keep their share of
 * them, and β̂ tends to a KKT point of min ‖β‖_{2/D} s.t. X̃β ≥ 1, not to the μ → 0 end of the Q^D_μ path (the ℓ1
 * predictor); its passage near the ℓ1 direction can be transient. Then no threshold is computed
 * ({@link #applies()} is false and {@link #limitation()} says why), and only a measured crossing answers.
 *
 * @param alpha initialization scale α
 * @param depth network depth D
 * @param tolerance the relative distance ‖β̂ − β_ref‖₂ / ‖β_ref‖₂ counted as "within"
 * @param richMu the largest μ below which the Q_μ minimizer stays within tolerance of the ℓ1 max-margin predictor;
 *               NaN when not reached down to {@link #smallestMu}, or when the theory does not apply
 * @param richLog10Loss log10 ε below which the path is within tolerance of the ℓ1 direction; when not reached, the
 *                      bound −α^D/(smallestMu·ln 10) below which the threshold lies; NaN when the theory does not
 *                      apply
 * @param kernelMu the smallest μ above which the Q_μ minimizer stays within tolerance of the ℓ2 predictor
 * @param kernelLog10Loss log10 ε above which the path is within tolerance of the ℓ2 direction
 * @param smallestMu the smallest μ searched: the one the clock maps to ε = 1e-10000000
 * @param l1Unique whether the ℓ1 max-margin predictor is unique (when it is not, Q_μ tends to one particular
 *                 minimizer and the rich threshold is measured to the one the LP returned)
 * @param solves Q_μ solves spent
 */
public record Threshold(double alpha, int depth, double tolerance, double richMu, double richLog10Loss,
        double kernelMu, double kernelLog10Loss, double smallestMu, boolean l1Unique, int solves) {

    public boolean richReached() {
        return !Double.isNaN(richMu);
    }

    /** Whether the theory's Q_μ path describes the flow at this depth (D = 2). */
    public boolean applies() {
        return depth == 2;
    }

    /** Why the theory gives no threshold at this depth, or an empty string when it does. */
    public String limitation() {
        return applies() ? ""
                : "the theory does not apply at depth " + depth + " and fixed alpha: the integrated losses stay bounded"
                        + " (|X~^T nu| < 1/(D(D-2)alpha^(D-2))), so the non-support points never lose their weight and"
                        + " beta/gamma tends to a KKT point of min ||beta||_{2/D}, not along the Q^D_mu path to the l1"
                        + " predictor; its passage near the l1 direction can be transient";
    }

    /** log10 ε for the scale μ, to leading order in 1/ln(1/ε) (the exact margin adds at most log10 N). */
    public static double log10Loss(double alpha, int depth, double mu) {
        return -Math.pow(alpha, depth) / (mu * Math.log(10));
    }

    /** The scale μ at log10 ε, the inverse of {@link #log10Loss}. */
    public static double mu(double alpha, int depth, double log10Loss) {
        return -Math.pow(alpha, depth) / (log10Loss * Math.log(10));
    }
}
