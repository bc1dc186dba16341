package org.biasflow.integrator.internal;

/** The work one run has done, as {@link org.biasflow.api.Trajectory} reports it. */
final class Counters {
    long evaluations;
    long jacobians;
    long steps;
    long rejectedSteps;
}
