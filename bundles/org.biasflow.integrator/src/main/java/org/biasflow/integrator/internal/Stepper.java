package org.biasflow.integrator.internal;

/** Advances one {@link ReparametrizedFlow} in r; one instance per run. */
interface Stepper {

    /**
     * Advances until r reaches {@code target} and writes the state there into {@code y}.
     *
     * @throws StepSizeCollapse when the step size underflows first
     */
    void advanceTo(double target, double[] y);

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
