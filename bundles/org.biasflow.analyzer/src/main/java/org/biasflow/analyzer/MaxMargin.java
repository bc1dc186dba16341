package org.biasflow.analyzer;

/**
 * A max-margin predictor: the minimizer of ‖β‖ subject to X̃β ≥ 1.
 *
 * @param norm ℓ1 or ℓ2
 * @param beta the minimizer, scaled so that its margin γ(β) is 1
 * @param dual the multipliers λ ≥ 0 of the margin constraints, one per point
 * @param maxMargin the max normalized margin max γ(β)/‖β‖ = 1/‖β‖ at the minimizer
 * @param certificate feasibility and duality gap of (beta, dual)
 * @param unique false when another minimizer was found (an ℓ1 problem with a non-trivial optimal face); the
 *               ℓ2 minimizer is always unique
 */
public record MaxMargin(Norm norm, double[] beta, double[] dual, double maxMargin, Certificate certificate,
        boolean unique) {

    public MaxMargin {
        beta = beta.clone();
        dual = dual.clone();
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    @Override
    public double[] dual() {
        return dual.clone();
    }
}
