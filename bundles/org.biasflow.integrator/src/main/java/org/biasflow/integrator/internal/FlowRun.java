package org.biasflow.integrator.internal;

import java.util.ArrayList;
import java.util.List;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.MirrorMap;
import org.biasflow.api.Network;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory;
import org.biasflow.api.Trajectory.Status;

/**
 * One run of the reparametrized flow: chooses the formulation by the network's capabilities, drives a stepper
 * from target to target, lands each checkpoint on its loss, and turns every way of stopping into a
 * {@link Trajectory}.
 */
final class FlowRun {
    /** ‖X̃ᵀp‖/max‖x̃ₙ‖ below this, with the step size collapsing, means the loss has reached its infimum. */
    private static final double STALL_STATIONARITY = 1e-6;
    private static final double POLISH_TOLERANCE = 1e-13;
    private static final int POLISH_ITERATIONS = 8;
    private static final int PROGRESS_INTERVAL = 20;
    private static final double LN10 = Math.log(10.0);

    private final FlowProblem problem;
    private final RunControl control;
    private final Counters counters = new Counters();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final long maxEvaluations;
    private ReparametrizedFlow flow;

    private FlowRun(FlowProblem problem, RunControl control) {
        this.problem = problem;
        this.control = control;
        this.maxEvaluations = Long.parseLong(problem.option(Options.MAX_EVALUATIONS, "100000000").trim());
    }

    static Trajectory integrate(FlowProblem problem, RunControl control, Stepper.Factory factory) {
        FlowRun run;
        try {
            run = new FlowRun(problem, control);
        } catch (NumberFormatException e) {
            return new Trajectory(Status.FAILED, "option " + Options.MAX_EVALUATIONS + " is not an integer: "
                    + e.getMessage(), List.of(), 0, 0, 0, 0);
        }
        return run.integrate(factory);
    }

    /** The formulation the network's capabilities allow: ν with a mirror map, w otherwise. */
    static ReparametrizedFlow formulation(FlowProblem problem, Counters counters) {
        Objective objective = new Objective(problem.data(), problem.loss());
        Network network = problem.network();
        return network.capability(MirrorMap.class)
                .<ReparametrizedFlow>map(mirror -> new MirrorFlow(mirror, network.parameterCount(), objective, counters))
                .orElseGet(() -> new ParameterFlow(network, objective, counters));
    }

    private Trajectory integrate(Stepper.Factory factory) {
        Stepper stepper = null;
        double[] y = null;
        try {
            flow = formulation(problem, counters);
            y = flow.initialState();
            double[] f = new double[y.length];
            if (!flow.derivative(y, f)) {
                return stopped(y);
            }
            double start = flow.negativeLogLoss();
            Clock clock = new Clock(start, flow.rate());
            flow.clock(clock);
            flow.derivative(y, f);
            double[] initial = y.clone();
            for (TargetLoss target : problem.targets()) {
                double goal = target.negativeLog();
                if (goal <= start) {
                    record(target, initial);
                    continue;
                }
                if (stepper == null) {
                    stepper = factory.start(flow, clock.at(0.0), initial, f, stateTolerances(), this::accepted);
                }
                stepper.advanceTo(clock.at(goal - start), y);
                polish(y, goal);
                record(target, y);
            }
            return finish(Status.COMPLETED, "every target was reached");
        } catch (StepSizeCollapse e) {
            return stopped(stepper == null ? y : stepper.state());
        } catch (FlowStop e) {
            return finish(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            return finish(Status.FAILED, "the model or loss failed: " + e);
        }
    }

    /**
     * The absolute tolerance in units of the state: early on, ν and z move by about 1/(du/dτ) while u changes by
     * one, which for a large initialization scale (du/dτ ∝ α²) is far below an absolute tolerance meant for
     * quantities of order one.
     */
    private Tolerances stateTolerances() {
        Tolerances asked = problem.tolerances();
        return new Tolerances(asked.relative(), asked.absolute() * Math.min(1.0, 1.0 / flow.rate()));
    }

    private void accepted(double rho) {
        double u = flow.clock().loss(rho);
        if (control.isCancelled()) {
            throw new FlowStop(Status.CANCELLED, "cancelled at log10 L = " + log10Loss(u));
        }
        if (counters.evaluations > maxEvaluations) {
            throw new FlowStop(Status.LIMIT_REACHED, "stopped after " + counters.evaluations
                    + " evaluations (option " + Options.MAX_EVALUATIONS + " = " + maxEvaluations
                    + ") at log10 L = " + log10Loss(u));
        }
        if (counters.steps % PROGRESS_INTERVAL == 0) {
            control.progress(log10Loss(u));
        }
    }

    /** Newton on u along the flow direction, where du/dρ = 1/φ'(Δ), until u(y) matches the goal. */
    private void polish(double[] y, double goal) {
        double[] f = new double[y.length];
        for (int iteration = 0;; iteration++) {
            if (!flow.derivative(y, f)) {
                throw new FlowStop(Status.FAILED, flow.problem());
            }
            double u = flow.negativeLogLoss();
            double gap = goal - u;
            if (Math.abs(gap) <= POLISH_TOLERANCE * Math.max(1.0, Math.abs(goal)) || iteration == POLISH_ITERATIONS) {
                return;
            }
            double step = gap * flow.clock().slope(y[flow.gainIndex()]);
            for (int i = 0; i < y.length; i++) {
                y[i] += step * f[i];
            }
        }
    }

    /** Reports the checkpoint at y, where the flow was last evaluated. */
    private void record(TargetLoss target, double[] y) {
        Checkpoint checkpoint = new Checkpoint(target, log10Loss(flow.negativeLogLoss()), flow.log10Time(y),
                flow.beta(y), flow.parameters(y), counters.evaluations);
        checkpoints.add(checkpoint);
        flow.report(control, checkpoint, y);
        control.progress(checkpoint.log10Loss());
    }

    /** Why the flow could not go on from y: a stall at the loss's infimum, a failed evaluation, or neither. */
    private Trajectory stopped(double[] y) {
        double[] f = new double[y.length];
        boolean evaluated = flow.derivative(y, f);
        double log10Loss = flow.objective.logLoss() / LN10;
        if (flow.stalled() || evaluated && flow.objective.stationarity() < STALL_STATIONARITY) {
            return finish(Status.STALLED, "the loss cannot go below 10^" + format(log10Loss)
                    + ": gradient flow stalled where the loss is stationary (the data are not separable for this"
                    + " loss and model)");
        }
        if (!evaluated) {
            return finish(Status.FAILED, flow.problem());
        }
        return finish(Status.LIMIT_REACHED, "the step size underflowed at log10 L = " + format(log10Loss));
    }

    private Trajectory finish(Status status, String message) {
        return new Trajectory(status, message, checkpoints, counters.evaluations, counters.jacobians,
                counters.steps, counters.rejectedSteps);
    }

    private static double log10Loss(double negativeLogLoss) {
        return -negativeLogLoss / LN10;
    }

    static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.6g", value);
    }
}
