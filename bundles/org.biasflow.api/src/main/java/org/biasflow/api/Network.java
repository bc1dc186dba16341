package org.biasflow.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One initialized network: a map w ↦ β(w) from P parameters to a linear predictor β ∈ ℝᵈ.
 *
 * <p>This is all a generic integrator needs. A network whose gradient flow has more structure offers it through
 * {@link #capability(Class)}, for example a {@link MirrorMap}; integrators use it when present and fall back on
 * {@link #predictor} and {@link #pullback} otherwise, so they never need to know the network's class.
 *
 * <p>The arrays a method is given to read (parameters, gradients, directions, s) are the caller's: read them, write
 * only the arrays it is given for its results. This holds for the capabilities too; a run whose network writes into
 * them fails, naming the model.
 */
@ConsumerType
public interface Network {

    /** The number of parameters P. */
    int parameterCount();

    /** A fresh copy of the initial parameters w(0). */
    double[] initialParameters();

    /** Writes β(w) into {@code beta} (length d). */
    void predictor(double[] parameters, double[] beta);

    /**
     * Writes J(w)ᵀ·g into {@code parameterGradient} (length P), where J = ∂β/∂w: the gradient with respect to
     * the parameters of any function whose gradient with respect to β is {@code predictorGradient}.
     */
    void pullback(double[] parameters, double[] predictorGradient, double[] parameterGradient);

    /** An optional description of structure an integrator can exploit; empty when the network has none. */
    default <C> Optional<C> capability(Class<C> type) {
        return Optional.empty();
    }
}
