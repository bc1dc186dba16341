package org.biasflow.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How an integrator talks to whoever runs it while it works: checkpoints as they are reached, progress, and
 * cancellation.
 */
@ConsumerType
public interface RunControl {

    /** Called once per target, in the order reached; the caller may persist it at once. */
    void checkpoint(Checkpoint checkpoint);

    /**
     * Called by an integrator that follows the flow in the integrated loss derivatives ν (see {@link MirrorMap})
     * instead of {@link #checkpoint(Checkpoint)}, so that whoever records the run can keep ν beside β: they are the
     * dual variables of the regimes' optimization problems. The default drops ν.
     *
     * @param integratedLossDerivatives νₙ = −∫₀ᵗ ℓ'(mₙ(s)) ds for each point n, at the checkpoint
     */
    default void checkpoint(Checkpoint checkpoint, double[] integratedLossDerivatives) {
        checkpoint(checkpoint);
    }

    /** Called now and then with the current log10 of the training loss. */
    default void progress(double log10Loss) {
    }

    /**
     * Called with a fact about how the run was computed, such as the formulation an integrator chose or work it
     * counted beyond {@link Trajectory}'s counters, for the record of the run. Names are short lowercase words
     * joined by hyphens; values are text.
     */
    default void detail(String name, String value) {
    }

    /** Polled between steps; when true the integrator returns promptly with {@link Trajectory.Status#CANCELLED}. */
    default boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }
}
