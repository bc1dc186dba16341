package org.biasflow.integrator.internal;

import java.util.ArrayList;
import java.util.List;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Integrator;
import org.biasflow.api.Network;
import org.biasflow.api.RunControl;
import org.biasflow.api.ServiceProperties;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Trajectory;
import org.biasflow.api.Trajectory.Status;
import org.osgi.service.component.annotations.Component;

/**
 * Plain gradient descent w ← w − η∇_w L in real time, with ∇_w L = −L·Jᵀ X̃ᵀp. It cannot pass the losses where
 * η·L·‖∇‖ falls below the resolution of w, and says so.
 */
@Component(service = Integrator.class, property = {
        ServiceProperties.OPTIONS + "=step:positive",
        ServiceProperties.OPTIONS + "=max-steps:number",
        ServiceProperties.NAME + "=gradient-descent",
        ServiceProperties.KIND + "=" + ServiceProperties.INTEGRATOR,
        ServiceProperties.DESCRIPTION + "=Plain gradient descent in real time (options: step, max-steps)" })
public class GradientDescentIntegrator implements Integrator {
    private static final double LN10 = Math.log(10.0);
    private static final int POLL_INTERVAL = 1000;

    @Override
    public Trajectory integrate(FlowProblem problem, RunControl control) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        Counters counters = new Counters();
        try {
            double step = Double.parseDouble(problem.option(Options.STEP, "0.1").trim());
            long maxSteps = (long) Double.parseDouble(problem.option(Options.MAX_STEPS, "1e7").trim());
            if (!(step > 0) || !Double.isFinite(step) || maxSteps < 0) {
                return new Trajectory(Status.FAILED, "options step must be positive and max-steps non-negative, got "
                        + step + " and " + maxSteps, checkpoints, 0, 0, 0, 0);
            }
            return new Descent(problem, control, step, maxSteps, counters, checkpoints).run();
        } catch (NumberFormatException e) {
            return new Trajectory(Status.FAILED, "options step and max-steps must be numbers: " + e.getMessage(),
                    checkpoints, 0, 0, 0, 0);
        } catch (FlowStop e) {
            return new Trajectory(e.status(), e.getMessage(), checkpoints, counters.evaluations, 0, counters.steps, 0);
        } catch (RuntimeException e) {
            return new Trajectory(Status.FAILED, "the model or loss failed: " + e, checkpoints, counters.evaluations,
                    0, counters.steps, 0);
        }
    }

    /** The state of one run. */
    private static final class Descent {
        private final FlowProblem problem;
        private final RunControl control;
        private final double step;
        private final long maxSteps;
        private final Counters counters;
        private final List<Checkpoint> checkpoints;
        private final Network network;
        private final Objective objective;
        private final double[] beta;

        Descent(FlowProblem problem, RunControl control, double step, long maxSteps, Counters counters,
                List<Checkpoint> checkpoints) {
            this.problem = problem;
            this.control = control;
            this.step = step;
            this.maxSteps = maxSteps;
            this.counters = counters;
            this.checkpoints = checkpoints;
            this.network = problem.network();
            this.objective = new Objective(problem.data(), problem.loss());
            this.beta = new double[objective.dimension];
        }

        Trajectory run() {
            double[] w = network.initialParameters();
            double[] next = new double[w.length];
            double[] gradient = new double[w.length];
            double logLoss = evaluate(w);
            List<TargetLoss> pending = new ArrayList<>(problem.targets());
            while (!pending.isEmpty() && pending.get(0).log10() * LN10 >= logLoss) {
                record(pending.remove(0), w, 0.0);
            }
            while (!pending.isEmpty()) {
                if (counters.steps >= maxSteps) {
                    return finish(Status.LIMIT_REACHED, "stopped after " + counters.steps + " steps (option "
                            + Options.MAX_STEPS + ") at log10 L = " + FlowRun.format(logLoss / LN10));
                }
                if (counters.steps % POLL_INTERVAL == 0) {
                    if (control.isCancelled()) {
                        return finish(Status.CANCELLED, "cancelled at log10 L = " + FlowRun.format(logLoss / LN10));
                    }
                    control.progress(logLoss / LN10);
                }
                network.pullback(w, objective.direction, gradient);
                double scale = step * Math.exp(logLoss);
                boolean moved = false;
                for (int i = 0; i < w.length; i++) {
                    next[i] = w[i] + scale * gradient[i];
                    moved |= next[i] != w[i];
                }
                if (!moved) {
                    return finish(Status.LIMIT_REACHED, "a step no longer changes w: at log10 L = "
                            + FlowRun.format(logLoss / LN10) + " the update eta*L*grad underflows the resolution of w");
                }
                double nextLogLoss = evaluateStep(next, logLoss);
                counters.steps++;
                while (!pending.isEmpty() && pending.get(0).log10() * LN10 >= nextLogLoss) {
                    double goal = pending.get(0).log10() * LN10;
                    double fraction = logLoss > nextLogLoss ? (logLoss - goal) / (logLoss - nextLogLoss) : 1.0;
                    double[] between = new double[w.length];
                    for (int i = 0; i < w.length; i++) {
                        between[i] = w[i] + fraction * (next[i] - w[i]);
                    }
                    evaluate(between);
                    record(pending.remove(0), between, counters.steps - 1 + fraction);
                    evaluate(next);
                }
                double[] swap = w;
                w = next;
                next = swap;
                logLoss = nextLogLoss;
            }
            return finish(Status.COMPLETED, "every target was reached");
        }

        /**
         * log L after a step from a loss of {@code logLoss}. A step that leaves the range the model or loss can
         * evaluate, from parameters where both were fine, is gradient descent diverging, and is said to be so.
         */
        private double evaluateStep(double[] w, double logLoss) {
            try {
                return evaluate(w);
            } catch (FlowStop e) {
                throw new FlowStop(Status.FAILED, "gradient descent diverged at step " + (counters.steps + 1)
                        + ", from log10 L = " + FlowRun.format(logLoss / LN10) + ": " + e.getMessage()
                        + "; option " + Options.STEP + " = " + step + " is too large for this problem");
            }
        }

        /** log L at w, leaving the weights and direction of w in the objective. */
        private double evaluate(double[] w) {
            counters.evaluations++;
            network.predictor(w, beta);
            if (!objective.evaluate(beta, false)) {
                throw new FlowStop(Status.FAILED, objective.problem());
            }
            return objective.logLoss();
        }

        private void record(TargetLoss target, double[] w, double steps) {
            Checkpoint checkpoint = new Checkpoint(target, objective.logLoss() / LN10, Math.log10(steps * step),
                    beta, w, counters.evaluations);
            checkpoints.add(checkpoint);
            control.checkpoint(checkpoint);
        }

        private Trajectory finish(Status status, String message) {
            return new Trajectory(status, message, checkpoints, counters.evaluations, 0, counters.steps, 0);
        }
    }
}
