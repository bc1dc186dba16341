package org.biasflow.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A margin-based loss L(β) = Σₙ ℓ(mₙ), mₙ = ⟨x̃ₙ, β⟩, evaluated in the log domain so that losses far below the
 * smallest double (10⁻¹⁰⁰⁰⁰ and beyond) are represented exactly enough.
 *
 * <p>Publish as a service with {@link ServiceProperties#KIND} = {@value ServiceProperties#LOSS}. Must be
 * stateless and safe to call from several threads. The margins are the caller's: read them, write only the weights
 * and curvature (a run whose loss writes into them fails, naming the loss).
 */
@ConsumerType
public interface Loss {

    /**
     * Evaluates the loss at the given margins.
     *
     * @param margins mₙ, any finite values (margins of millions occur)
     * @param weights receives pₙ = −ℓ'(mₙ)/L, the normalized descent weights; must not underflow as a whole
     *                (for the exponential loss they are the softmax of −m)
     * @param curvature receives cₙ = ℓ''(mₙ)/L, or is {@code null} when the caller does not need it; with
     *                  these, ∂pₙ/∂mₖ = pₙpₖ − δₙₖcₙ
     * @return log L (natural logarithm)
     */
    double evaluate(double[] margins, double[] weights, double[] curvature);
}
