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
    /**
     * A state that moves this many times its own size per unit of u = −log L is on a plateau of the loss: at depth
     * 3 and α = 1e-5 on Gaussian teacher data (N = 10, d = 30) the step size collapsed at 2.7·10⁵.
     */
    private static final double PLATEAU_PACE = 1e4;
    /** Accepted steps over which a stall is judged ({@link #STALL_STEP}). */
    private static final int STALL_STEPS = 1000;
    /**
     * A mean step below this, in ρ, over {@value #STALL_STEPS} accepted steps is a stall: at such a pace a unit of
     * ρ (a factor e in u) takes ten million steps. Flows that go through take at least 5·10⁻⁵ on average over any
     * thousand steps (depth 3, α = 0.001, N = 100, d = 1000, where they are shortest); at u ≈ 10¹⁰ the rounding of
     * the state to doubles made Newton fail at every step longer than about 10⁻¹⁰ and ground on for 10⁸
     * evaluations, hours at N = 1000.
     */
    private static final double STALL_STEP = 1e-7;
    /** The relative rounding of a double, 2⁻⁵³. */
    private static final double ROUNDING = Math.ulp(1.0) / 2;
    private static final double POLISH_TOLERANCE = 1e-13;
    private static final int POLISH_ITERATIONS = 8;
    private static final int PROGRESS_INTERVAL = 20;
    private static final double LN10 = Math.log(10.0);
    /** Jacobian work below which the formulation is not worth choosing by cost: about a millisecond. */
    private static final double SIGNIFICANT_WORK = 1e6;

    private final FlowProblem problem;
    private final RunControl control;
    private final Counters counters = new Counters();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final long maxEvaluations;
    private final boolean skipDeadRows;
    private ReparametrizedFlow flow;
    /** Whether the last {@link #follow} ended because the stepper could not go on (not a stall, cancel or limit). */
    private boolean lostStep;
    /** Why the run left the mirror map for the parameters, or {@code null}. */
    private String fallback;
    /** ρ where the steps now being judged for a stall began, and how many have been accepted since. */
    private double paceStart;
    private int paceSteps;
    /** How far the {@value #STALL_STEPS} steps of a stall advanced ρ in all; NaN while the flow goes on. */
    private double stallAdvance = Double.NaN;
    /** The last log10 L handed to the control's progress. */
    private double reported = Double.POSITIVE_INFINITY;

    private FlowRun(FlowProblem problem, RunControl control, boolean skipDeadRows) {
        this.problem = problem;
        this.control = control;
        this.skipDeadRows = skipDeadRows;
        this.maxEvaluations = Long.parseLong(problem.option(Options.MAX_EVALUATIONS, "100000000").trim());
    }

    static Trajectory integrate(FlowProblem problem, RunControl control, Stepper.Factory factory) {
        return integrate(problem, control, factory, true);
    }

    /**
     * @param skipDeadRows whether the ν flow leaves out of its margins the points whose weight is certified to stay
     *        zero ({@link DeadRows}); the results are the same bit for bit, so only tests ask for false
     */
    static Trajectory integrate(FlowProblem problem, RunControl control, Stepper.Factory factory,
            boolean skipDeadRows) {
        FlowRun run;
        try {
            run = new FlowRun(problem, control, skipDeadRows);
        } catch (NumberFormatException e) {
            return new Trajectory(Status.FAILED, "option " + Options.MAX_EVALUATIONS + " is not an integer: "
                    + e.getMessage(), List.of(), 0, 0, 0, 0);
        }
        return run.integrate(factory);
    }

    /**
     * The formulation to follow: the one the {@link Options#FORMULATION} option names, else the cheaper of those
     * the network's capabilities allow ({@link #parametersAreCheaper}).
     *
     * @throws FlowStop naming the option when its value is unknown or asks for a mirror map the network does not
     *         have
     */
    static ReparametrizedFlow formulation(FlowProblem problem, Counters counters) {
        return formulation(problem, counters, true);
    }

    private static ReparametrizedFlow formulation(FlowProblem problem, Counters counters, boolean skipDeadRows) {
        Objective objective = new Objective(problem.data(), problem.loss());
        Network network = problem.network();
        String asked = problem.option(Options.FORMULATION, "auto").trim();
        java.util.Optional<MirrorMap> mirror = network.capability(MirrorMap.class);
        boolean parameters = switch (asked) {
            case "auto" -> mirror.isEmpty()
                    || parametersAreCheaper(network.parameterCount(), objective.size, objective.dimension);
            case "parameters" -> true;
            case "mirror" -> {
                if (mirror.isEmpty()) {
                    throw new FlowStop(Status.FAILED, "option " + Options.FORMULATION + " = mirror, but the model's"
                            + " network has no mirror map; use parameters or auto");
                }
                yield false;
            }
            default -> throw new FlowStop(Status.FAILED, "option " + Options.FORMULATION + " must be auto, mirror"
                    + " or parameters, got '" + asked + "'");
        };
        ParameterFlow.LinearSolver solver = linearSolver(problem, objective);
        if (parameters) {
            return new ParameterFlow(network, objective, counters, solver);
        }
        String disagreement = MirrorCheck.disagreement(network, mirror.get(), objective.dimension);
        if (disagreement != null) {
            throw new FlowStop(Status.FAILED, "the model's network does not agree with its own mirror map: "
                    + disagreement + "; the flow in nu would follow another network, so the run stops (fix the map,"
                    + " or run with option " + Options.FORMULATION + "=parameters, which does not use it)");
        }
        return new MirrorFlow(mirror.get(), network.parameterCount(), objective, counters, skipDeadRows);
    }

    /** The parameter flow's linear solver: the one the option names, else the cheaper. */
    private static ParameterFlow.LinearSolver linearSolver(FlowProblem problem, Objective objective) {
        Network network = problem.network();
        String solver = problem.option(Options.LINEAR_SOLVER, "auto").trim();
        return switch (solver) {
            case "auto" -> ParameterFlow.LinearSolver.byCost(network.parameterCount(), objective.size);
            case "dense" -> ParameterFlow.LinearSolver.DENSE;
            case "krylov" -> ParameterFlow.LinearSolver.KRYLOV;
            default -> throw new FlowStop(Status.FAILED, "option " + Options.LINEAR_SOLVER + " must be auto, dense"
                    + " or krylov, got '" + solver + "'");
        };
    }

    /**
     * Whether following P parameters costs less than following the N dual variables, by the work of one Jacobian
     * and its factorization, which dominates both: N²d + N³/3 for ν (kernel rows, LU), NP² + P³/3 for w with the
     * dense solver (loss curvature from N pullbacks, LU). The parameters must be cheaper by a factor of 2, and the
     * ν flow's Jacobian at least {@value #SIGNIFICANT_WORK} multiply-adds, for them to be chosen: the ν flow, whose
     * error control and accuracy at extreme losses are the better tested, keeps every case that is close or takes
     * a millisecond either way. N = 357 points in d = 64 (P = 128): 6.5·10⁶ against 2.3·10⁷, and measured to
     * 1e-1000000 at α = 1, 5.2 s against 11.2 s for the whole run (3081 and 3028 evaluations).
     */
    static boolean parametersAreCheaper(int parameters, int points, int dimension) {
        double p = parameters;
        double n = points;
        double dual = n * n * dimension + n * n * n / 3;
        double primal = n * p * p + p * p * p / 3;
        return p <= Math.max(256, n) && 2 * primal < dual && dual >= SIGNIFICANT_WORK;
    }

    private Trajectory integrate(Stepper.Factory factory) {
        try {
            flow = formulation(problem, counters, skipDeadRows);
        } catch (FlowStop e) {
            return finish(e.status(), e.getMessage());
        }
        Trajectory followed = follow(factory);
        if (!lostStep || !(flow instanceof MirrorFlow) || !checkpoints.isEmpty()
                || !"auto".equals(problem.option(Options.FORMULATION, "auto").trim())) {
            return followed;
        }
        // Near the edge of a mirror map's domain (depth D > 2 at a small scale, while the flow leaves its saddle)
        // the ν flow can lose its step where the parameters' flow goes through; before any checkpoint nothing has
        // been reported, so the run starts over in the parameters, its evaluations counted on top.
        fallback = "the mirror map's flow stopped before its first checkpoint: " + followed.message();
        Objective objective = new Objective(problem.data(), problem.loss());
        flow = new ParameterFlow(problem.network(), objective, counters, linearSolver(problem, objective));
        return follow(factory);
    }

    private Trajectory follow(Stepper.Factory factory) {
        Stepper stepper = null;
        double[] y = null;
        stallAdvance = Double.NaN;
        try {
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
            List<TargetLoss> targets = problem.targets();
            double last = clock.at(targets.get(targets.size() - 1).negativeLog() - start);
            for (TargetLoss target : targets) {
                double goal = target.negativeLog();
                if (goal <= start) {
                    record(target, initial);
                    continue;
                }
                if (stepper == null) {
                    paceStart = clock.at(0.0);
                    paceSteps = 0;
                    stepper = factory.start(flow, paceStart, initial, f, stateTolerances(), this::accepted);
                }
                stepper.advanceTo(clock.at(goal - start), last, y);
                polish(y, goal);
                record(target, y);
            }
            return finish(Status.COMPLETED, "every target was reached");
        } catch (StepSizeCollapse e) {
            Trajectory stopped = stopped(stepper == null ? y : stepper.state());
            lostStep = stopped.status() != Status.STALLED;
            return stopped;
        } catch (FlowStop e) {
            lostStep = e.status() == Status.FAILED && stepper != null;
            return finish(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            return finish(Status.FAILED, "the model or loss failed: " + e);
        }
    }

    /**
     * The absolute tolerance in units of the state: early on, the core moves by far less than one while u changes by
     * one ({@link ReparametrizedFlow#coreMovePerUnitLoss}), for a large initialization scale (du/dτ ∝ α²) far below
     * an absolute tolerance meant for quantities of order one.
     */
    private Tolerances stateTolerances() {
        Tolerances asked = problem.tolerances();
        return new Tolerances(asked.relative(), asked.absolute() * Math.min(1.0, flow.coreMovePerUnitLoss()));
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
            progress(log10Loss(u));
        }
        if (++paceSteps == STALL_STEPS) {
            if (rho - paceStart < STALL_STEPS * STALL_STEP) {
                stallAdvance = rho - paceStart;
                throw new StepSizeCollapse(rho);
            }
            paceStart = rho;
            paceSteps = 0;
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
        progress(checkpoint.log10Loss());
    }

    /**
     * Reports progress unless an earlier report was further: a step may pass a checkpoint before it is recorded
     * (bdf interpolates it), and progress that went back would read as a loss that rose.
     */
    private void progress(double log10Loss) {
        if (log10Loss <= reported) {
            reported = log10Loss;
            control.progress(log10Loss);
        }
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
        String message = Double.isNaN(stallAdvance) ? "the step size underflowed at log10 L = " + format(log10Loss)
                : String.format(java.util.Locale.ROOT, "the flow stalled at log10 L = %s: its last %d steps advanced"
                        + " the reparametrized time by %.1e in all", format(log10Loss), STALL_STEPS, stallAdvance);
        double pace = plateauPace(y, f);
        double relative = problem.tolerances().relative();
        double roundingNoise = -log10Loss * LN10 * ROUNDING;
        if (pace > PLATEAU_PACE) {
            message += String.format(java.util.Locale.ROOT, ", where the state moves %.1e times faster than the loss:"
                    + " a plateau of the loss (a saddle the flow is passing), which a clock measured by the loss"
                    + " cannot cross; depth D > 2 at a small scale alpha leads there", pace);
        } else if (!Double.isNaN(stallAdvance) && roundingNoise > relative) {
            message += String.format(java.util.Locale.ROOT, ", where the margins are about u = %.1e: rounding them to"
                    + " doubles alone moves the weights exp(-margin) by %.0e or more of themselves, above the"
                    + " relative tolerance %s, and no step can be made as accurate as it asks; lower losses cannot be"
                    + " followed in double precision", -log10Loss * LN10, roundingNoise, shortNumber(relative));
        } else if (checkpoints.isEmpty() && log10Loss > Math.log10(problem.data().size()) + HUGE_LOSS_DECADES) {
            message += ", before the first checkpoint and far above the loss at beta = 0 (about N = "
                    + problem.data().size() + " for the exponential loss): the network's initial outputs dwarf the"
                    + " data's margins at this initialization (a smaller alpha starts the flow lower)";
        } else if (counters.steps == 0) {
            message += ", before the first step: the tolerances (rtol " + shortNumber(relative) + ", atol "
                    + shortNumber(problem.tolerances().absolute()) + ") ask for a first step shorter than doubles"
                    + " resolve here; larger ones, atol first, let the flow start";
        }
        return finish(Status.LIMIT_REACHED, message);
    }

    /** 1e-10 for 1.0E-10, 2.5e-300 for 2.5E-300: a tolerance as it is typed. */
    private static String shortNumber(double value) {
        return String.valueOf(value).replace(".0E", "e").replace("E", "e");
    }

    /** max over the core state of |dy/du| / (1 + |y|): how far the state moves, in its own units, per unit of u. */
    private double plateauPace(double[] y, double[] f) {
        double slope = flow.clock().slope(y[flow.gainIndex()]);
        double pace = 0.0;
        for (int i = 0; i < flow.core; i++) {
            pace = Math.max(pace, Math.abs(f[i]) * slope / (1.0 + Math.abs(y[i])));
        }
        return pace;
    }

    /**
     * How far above the loss at β = 0 (N for the exponential loss) a flow may stop before its first checkpoint and
     * still be said to have moved: a stop far above it is a start the flow could not leave (seen with the fully
     * connected network at α = 10, D = 3: a first loss of 1e139829).
     */
    private static final double HUGE_LOSS_DECADES = 10;

    private Trajectory finish(Status status, String message) {
        if (flow != null) {
            describe();
        }
        return new Trajectory(status, message, checkpoints, counters.evaluations, counters.jacobians,
                counters.steps, counters.rejectedSteps);
    }

    /** What run.json records of how the flow was followed, beyond the trajectory's counters. */
    private void describe() {
        if (flow instanceof ParameterFlow parameters) {
            control.detail("formulation", "parameters");
            control.detail("parameters", Integer.toString(parameters.core));
            control.detail("linear-solver", parameters.solver().name().toLowerCase(java.util.Locale.ROOT));
            control.detail("tangents", parameters.exactTangents() ? "exact" : "differences");
            control.detail("krylov-iterations", Long.toString(counters.krylovIterations));
            control.detail("extra-pullbacks", Long.toString(counters.pullbacks));
        } else {
            control.detail("formulation", "mirror");
        }
        if (fallback != null) {
            control.detail("formulation-fallback", fallback);
        }
    }

    private static double log10Loss(double negativeLogLoss) {
        return -negativeLogLoss / LN10;
    }

    static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.6g", value);
    }
}
