package org.biasflow.api;

/**
 * Error tolerances of an integrator; integrators that do not control their error (such as gradient descent)
 * ignore them.
 *
 * @param relative relative local error per step, e.g. 1e-9
 * @param absolute absolute local error per step, e.g. 1e-11
 */
public record Tolerances(double relative, double absolute) {
    public Tolerances {
        if (!(relative > 0) || !(absolute > 0)) {
            throw new IllegalArgumentException("tolerances must be positive, got relative " + relative
                    + ", absolute " + absolute);
        }
    }
}
