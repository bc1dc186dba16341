package org.biasflow.integrator.internal;

/** Option keys of {@link org.biasflow.api.FlowProblem#options()} that these integrators read. */
final class Options {
    /** Vector-field evaluations after which a run stops with LIMIT_REACHED. */
    static final String MAX_EVALUATIONS = "max-evaluations";
    /**
     * Which flow to follow: {@code mirror} (the N-dimensional ν flow of a network with a mirror map),
     * {@code parameters} (the network's own parameters) or {@code auto} (the cheaper of the two; the default).
     */
    static final String FORMULATION = "formulation";
    /** How the parameter flow solves its Newton systems: {@code dense}, {@code krylov} or {@code auto}. */
    static final String LINEAR_SOLVER = "linear-solver";
    /** Gradient descent's step size η. */
    static final String STEP = "step";
    /** Gradient descent's step limit. */
    static final String MAX_STEPS = "max-steps";

    private Options() {
    }
}
