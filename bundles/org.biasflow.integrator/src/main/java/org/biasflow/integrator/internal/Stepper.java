package org.biasflow.integrator.internal;

/** Advances one {@link ReparametrizedFlow} in r; one instance per run. */
interface Stepper {

    /**
     * Advances until r reaches {@code target} and writes the state there into {@code y}, stepping no further than
     * {@code bound} (at or after target): a stepper with dense output may step past target and interpolate, so that
     * checkpoints closer together than its steps do not each cut a step short.
     *
     * @throws StepSizeCollapse when the step size underflows first
     */
    void advanceTo(double target, double bound, double[] y);

    /** The state at the last accepted step. */
    double[] state();

    /** Told of every accepted step; may end the run by throwing {@link FlowStop}. */
    interface Listener {
        void accepted(double r);
    }

    /** Starts a stepper at (r0, y0), where the flow's derivative is f0. */
    interface Factory {
        Stepper start(ReparametrizedFlow flow, double r0, double[] y0, double[] f0,
                org.biasflow.api.Tolerances tolerances, Listener listener);
    }
}
