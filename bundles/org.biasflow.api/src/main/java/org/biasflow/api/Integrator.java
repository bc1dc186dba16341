package org.biasflow.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Follows gradient flow (or a discretization of it, such as gradient descent) through a {@link FlowProblem}.
 *
 * <p>Publish as a service with {@link ServiceProperties#KIND} = {@value ServiceProperties#INTEGRATOR}. The
 * service object may be shared by concurrent runs: all state of a run lives inside one call of
 * {@link #integrate}.
 */
@ConsumerType
public interface Integrator {

    /**
     * Integrates until every target is reached, or until it cannot go further, reporting each checkpoint to
     * {@code control} as it is reached. Failures of the model or loss (exceptions, non-finite values) end the
     * trajectory with {@link Trajectory.Status#FAILED} rather than escaping.
     */
    Trajectory integrate(FlowProblem problem, RunControl control);
}
