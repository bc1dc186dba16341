package org.biasflow.integrator.internal;

/** Option keys of {@link org.biasflow.api.FlowProblem#options()} that these integrators read. */
final class Options {
    /** Vector-field evaluations after which a run stops with LIMIT_REACHED. */
    static final String MAX_EVALUATIONS = "max-evaluations";
    /** Gradient descent's step size η. */
    static final String STEP = "step";
    /** Gradient descent's step limit. */
    static final String MAX_STEPS = "max-steps";

    private Options() {
    }
}
