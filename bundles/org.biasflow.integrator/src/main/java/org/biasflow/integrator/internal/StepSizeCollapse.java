package org.biasflow.integrator.internal;

/** The step size fell below what the independent variable can resolve; the driver decides why. */
final class StepSizeCollapse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepSizeCollapse(double r) {
        super("step size underflow at r = " + r, null, false, false);
    }
}
