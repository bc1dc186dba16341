package org.biasflow.analyzer;

/**
 * The intermediate-regime prediction: the minimizer of Q^D_μ(β) subject to X̃β ≥ 1, toward which gradient flow's
 * β/γ(β) tends when α^D/γ tends to μ.
 *
 * @param mu the scale μ &gt; 0
 * @param depth the network depth D ≥ 2
 * @param beta the minimizer
 * @param dual the multipliers λ ≥ 0 of the margin constraints, with β = μ·h_D(X̃ᵀλ)
 * @param certificate feasibility and duality gap of (beta, dual)
 */
public record Prediction(double mu, int depth, double[] beta, double[] dual, Certificate certificate) {

    public Prediction {
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
