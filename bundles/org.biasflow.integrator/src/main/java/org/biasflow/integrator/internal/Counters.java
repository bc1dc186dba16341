package org.biasflow.integrator.internal;

/** The work one run has done, as {@link org.biasflow.api.Trajectory} reports it. */
final class Counters {
    long evaluations;
    long jacobians;
    long steps;
    long rejectedSteps;
    /** Products with the operator of Krylov solves of Newton systems. */
    long krylovIterations;
    /** Pullbacks and their tangents beyond those of field evaluations: Jacobians and their products. */
    long pullbacks;
}
