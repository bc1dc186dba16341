package org.biasflow.integrator.internal;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.RunControl;

/**
 * Gradient flow with dτ = L·dt as its clock and a {@link Clock} ρ = φ(Δ), Δ = u − u₀, u = −log L, as its
 * independent variable, so that losses far below the smallest double are reached in a number of steps that grows
 * only slowly with log(1/ε).
 *
 * <p>The state is a core (ν or w) followed by z = t·L and Δ. log t = log z + u, and dz/dτ = 1 − z·du/dτ keeps z of
 * order 1/(du/dτ) where t itself would overflow. dΔ/dτ = du/dτ. Along the flow dy/dρ = (dy/dτ)/(φ'(Δ)·du/dτ), so
 * dΔ/dρ = 1/φ'(Δ) whatever the core does.
 *
 * <p>One instance serves one run: it keeps scratch space and the quantities of its last evaluation.
 */
abstract class ReparametrizedFlow {
    final Objective objective;
    final Counters counters;
    final int core;
    private Clock clock = Clock.ASINH;
    private String problem = "";
    private boolean stalled;
    private double negativeLogLoss;
    private double rate;
    private double speed;
    private double rateNoise;

    ReparametrizedFlow(Objective objective, Counters counters, int core) {
        this.objective = objective;
        this.counters = counters;
        this.core = core;
    }

    final int dimension() {
        return core + 2;
    }

    /** Index of z in the state. */
    final int timeIndex() {
        return core;
    }

    /** Index of Δ in the state. */
    final int gainIndex() {
        return core + 1;
    }

    /** The state at t = 0: the initial core, z = 0 and Δ = 0. */
    abstract double[] initialState();

    /**
     * Writes the core's dy/dτ into {@code out[0, core)} and returns du/dτ, or NaN (after {@link #fail}) when
     * the state is outside the model's domain or the model or loss returned a non-finite value.
     */
    abstract double field(double[] y, double[] out);

    /** Writes ∂(dy/dρ)/∂y into {@code jacobian}, evaluated at y; false when the flow cannot be evaluated there. */
    abstract boolean jacobian(double[] y, double[][] jacobian);

    /**
     * Writes into {@code scale[0, core)} the size of an acceptable error in each component of the core at y: by
     * default each relative to itself.
     */
    void coreErrorScale(double[] y, double relative, double absolute, double[] scale) {
        for (int i = 0; i < core; i++) {
            scale[i] = absolute + relative * Math.abs(y[i]);
        }
    }

    /**
     * How far the core moves, in its own units, while u changes by one, as of the last evaluation: dν/du = p/q with
     * weights p that sum to one, so at most 1/q. Early in a flow at a large scale this is far below one, and an
     * absolute tolerance meant for quantities of order one must shrink with it.
     */
    double coreMovePerUnitLoss() {
        return 1.0 / rate;
    }

    /** The Newton systems of an implicit step: the dense Jacobian of {@link #jacobian}, factored by LU. */
    NewtonSystem newtonSystem() {
        return new DenseNewtonSystem(this);
    }

    /** β at y; valid after an evaluation at y. */
    abstract double[] beta(double[] y);

    /** The network's parameters at y. */
    abstract double[] parameters(double[] y);

    /** Hands a checkpoint reached at y to the run's control; a formulation that follows ν hands ν over too. */
    void report(RunControl control, Checkpoint checkpoint, double[] y) {
        control.checkpoint(checkpoint);
    }

    /**
     * Writes dy/dρ at y into {@code out}.
     *
     * @return false when the flow cannot be evaluated at y; {@link #problem()} says why
     */
    final boolean derivative(double[] y, double[] out) {
        counters.evaluations++;
        problem = "";
        stalled = false;
        double q = field(y, out);
        if (Double.isNaN(q)) {
            return false;
        }
        if (!(q > 0) || !Double.isFinite(q)) {
            stalled = q == 0.0;
            return fail("the loss stopped decreasing (du/dtau = " + q + ")");
        }
        negativeLogLoss = -objective.logLoss();
        rate = q;
        double slope = clock.slope(y[gainIndex()]);
        speed = 1.0 / (slope * q);
        for (int i = 0; i < core; i++) {
            out[i] *= speed;
        }
        out[core] = (1.0 - y[core] * q) * speed;
        out[gainIndex()] = 1.0 / slope;
        return true;
    }

    final boolean fail(String why) {
        problem = why;
        return false;
    }

    /** Whether the last evaluation found the loss exactly stationary (du/dτ = 0). */
    final boolean stalled() {
        return stalled;
    }

    final String problem() {
        return problem.isEmpty() ? objective.problem() : problem;
    }

    /** u = −log L at the last evaluated state. */
    final double negativeLogLoss() {
        return negativeLogLoss;
    }

    /** du/dτ at the last evaluated state. */
    final double rate() {
        return rate;
    }

    /** The independent variable; set before integration starts, {@link Clock#ASINH} until then. */
    final void clock(Clock independent) {
        clock = independent;
    }

    final Clock clock() {
        return clock;
    }

    /**
     * The relative uncertainty of du/dτ that the rounding of the state to doubles alone causes, as of the last
     * Jacobian; 0 where the formulation does not know it. Late in a flow at depth D &gt; 2 and a small scale, β
     * hangs on the last digits of ν.
     */
    final double rateNoise() {
        return rateNoise;
    }

    final void rateNoise(double relative) {
        rateNoise = relative;
    }

    /** dτ/dρ = 1/(φ'(Δ)·du/dτ) at the last evaluated state. */
    final double speed() {
        return speed;
    }

    /** log t at y, from z = t·L and u = u₀ + Δ, for z &gt; 0. */
    final double logTime(double[] y) {
        return Math.log(Math.abs(y[core])) + clock.start() + y[gainIndex()];
    }

    /** log10 t at y, from z = t·L; valid after an evaluation at y. */
    final double log10Time(double[] y) {
        return (Math.log(y[core]) + negativeLogLoss) / Math.log(10.0);
    }
}
