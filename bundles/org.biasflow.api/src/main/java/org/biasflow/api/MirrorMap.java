package org.biasflow.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The exact structure of gradient flow on networks such as diagonal linear networks: with
 * ν(t) = −∫₀ᵗ ℓ'(m(τ)) dτ ∈ ℝᴺ (the integrated loss derivatives) and s = X̃ᵀν, the predictor is a
 * coordinatewise function βᵢ = fᵢ(sᵢ) fixed by the initialization.
 *
 * <p>With it, the flow is an N-dimensional ODE in ν whose Jacobian is cheap, instead of a P-dimensional one in
 * w. Offered through {@link Network#capability(Class)}.
 */
@ConsumerType
public interface MirrorMap {

    /**
     * Writes fᵢ(sᵢ), fᵢ'(sᵢ) and fᵢ''(sᵢ); {@code slope} and {@code curvature} may be {@code null} when not
     * wanted.
     *
     * @return false when some sᵢ lies outside the domain of fᵢ (where the flow would have blown up), in which
     *         case the outputs are unspecified
     */
    boolean predictor(double[] s, double[] beta, double[] slope, double[] curvature);

    /**
     * {@link #predictor(double[], double[], double[], double[])} at s = sHigh + sLow, an unevaluated sum that
     * holds s to about twice the precision of a double. A map that depends on more digits of s than a double holds
     * (for a diagonal network of depth D &gt; 2 at a small scale, β depends on the small difference between s and
     * the edge of the domain) overrides this; the default rounds the sum.
     */
    default boolean predictor(double[] sHigh, double[] sLow, double[] beta, double[] slope, double[] curvature) {
        double[] s = new double[sHigh.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = sHigh[i] + sLow[i];
        }
        return predictor(s, beta, slope, curvature);
    }

    /** Writes the parameters w(s) of the network at that point of the flow. */
    void parameters(double[] s, double[] parameters);
}
