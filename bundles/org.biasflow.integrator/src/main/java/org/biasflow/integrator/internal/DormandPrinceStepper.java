package org.biasflow.integrator.internal;

import org.apache.commons.math3.exception.NumberIsTooSmallException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.apache.commons.math3.ode.sampling.StepHandler;
import org.apache.commons.math3.ode.sampling.StepInterpolator;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory.Status;

/**
 * The explicit reference: Commons Math's Dormand–Prince 8(5,3) on the same flow, one integrator instance per
 * run because Commons Math integrators keep state. Commons Math does not report rejected steps.
 */
final class DormandPrinceStepper implements Stepper, FirstOrderDifferentialEquations, StepHandler {
    private static final double MIN_STEP = 1e-13;
    private static final double MAX_STEP = 1.0;

    private final ReparametrizedFlow flow;
    private final Listener listener;
    private final DormandPrince853Integrator integrator;
    private final double[] state;
    private double r;

    DormandPrinceStepper(ReparametrizedFlow flow, double r0, double[] y0, double[] f0, Tolerances tolerances,
            Listener listener) {
        this.flow = flow;
        this.listener = listener;
        this.state = y0.clone();
        this.r = r0;
        integrator = new DormandPrince853Integrator(MIN_STEP, MAX_STEP, tolerances.absolute(), tolerances.relative());
        integrator.addStepHandler(this);
    }

    /** Lands on every target, as Commons Math's integrators do. */
    @Override
    public void advanceTo(double target, double bound, double[] y) {
        if (target - r > 4 * Math.ulp(target)) {
            try {
                integrator.integrate(this, r, state, target, state);
            } catch (NumberIsTooSmallException e) {
                throw new StepSizeCollapse(r);
            }
            r = target;
        }
        System.arraycopy(state, 0, y, 0, state.length);
    }

    @Override
    public double[] state() {
        return state.clone();
    }

    @Override
    public int getDimension() {
        return flow.dimension();
    }

    @Override
    public void computeDerivatives(double t, double[] y, double[] yDot) {
        if (!flow.derivative(y, yDot)) {
            if (flow.stalled()) {
                throw new StepSizeCollapse(t);
            }
            throw new FlowStop(Status.FAILED, flow.problem());
        }
    }

    @Override
    public void init(double t0, double[] y0, double t) {
    }

    @Override
    public void handleStep(StepInterpolator interpolator, boolean isLast) {
        flow.counters.steps++;
        r = interpolator.getCurrentTime();
        System.arraycopy(interpolator.getInterpolatedState(), 0, state, 0, state.length);
        listener.accepted(r);
    }
}
