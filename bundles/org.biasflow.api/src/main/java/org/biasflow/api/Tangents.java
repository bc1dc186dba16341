package org.biasflow.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Exact forward-mode derivatives of a {@link Network}'s map w ↦ β(w), offered through
 * {@link Network#capability(Class)}.
 *
 * <p>An implicit integrator that follows the parameters solves Newton systems with the Jacobian of the flow, whose
 * products with a vector need J(w)·v and the derivative of the pullback J(w)ᵀg along v. Without this capability it
 * takes them from differences of {@link Network#pullback}, one extra pullback per product and about half a
 * double's digits; with it they are exact and cost about one forward and one backward pass each. Offer it when the
 * network is larger than a few thousand parameters, or deep enough that differences lose accuracy; a network
 * without it runs unchanged.
 */
@ConsumerType
public interface Tangents {

    /** Writes J(w)·v = d/dh β(w + h·v) at h = 0 into {@code betaTangent} (length d). */
    void tangent(double[] parameters, double[] direction, double[] betaTangent);

    /**
     * Writes d/dh J(w + h·v)ᵀg at h = 0 into {@code out} (length P): the curvature of the network along v,
     * contracted with the predictor gradient g. It is zero for a network linear in w.
     */
    void pullbackTangent(double[] parameters, double[] predictorGradient, double[] direction, double[] out);
}
