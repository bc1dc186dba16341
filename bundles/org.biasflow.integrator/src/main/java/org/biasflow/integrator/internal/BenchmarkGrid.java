package org.biasflow.integrator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Integrator;
import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory;

/** The grid behind {@link org.biasflow.integrator.FlowBenchmark}. */
public final class BenchmarkGrid {
    private static final int[][] SIZES = {{10, 30}, {100, 1000}, {1000, 10000}};
    private static final double[] SCALES = {0.1, 1.0, 10.0};
    private static final List<TargetLoss> TARGETS = List.of(TargetLoss.parse("1e-10"), TargetLoss.parse("1e-100"),
            TargetLoss.parse("1e-10000"), TargetLoss.parse("1e-1000000"));
    private static final Tolerances TOLERANCES = new Tolerances(1e-9, 1e-11);
    /**
     * Explicit runs get about this many multiply-adds of vector-field work, gradient descent a tenth of it, but
     * never fewer than {@link #EXPLICIT_FLOOR} evaluations and {@link #DESCENT_FLOOR} steps: enough at N = 1000,
     * d = 10000 for dormand-prince to reach 1e-100 and so give the largest size its ratios.
     */
    private static final double EXPLICIT_WORK = 3e9;
    private static final long EXPLICIT_FLOOR = 5000;
    private static final long DESCENT_FLOOR = 1000;
    private static final long SEED = 1L;

    private BenchmarkGrid() {
    }

    public static void run(Model model, Loss loss, int sizes, Consumer<String> rows) {
        rows.accept(String.format(Locale.ROOT, "%-6s %-6s %-5s %-16s %-11s %10s %6s %7s %9s  %s", "N", "d", "alpha",
                "integrator", "eps", "evals", "jacs", "steps", "wall_s", "status"));
        measure(model, loss, SIZES[0], 1.0, Map.of(), new BdfIntegrator(), "warm-up");
        List<String> ratios = new ArrayList<>();
        for (int k = 0; k < Math.min(sizes, SIZES.length); k++) {
            int[] size = SIZES[k];
            long work = (long) size[0] * size[1];
            long explicitCap = Math.max(EXPLICIT_FLOOR, (long) Math.min(2e6, EXPLICIT_WORK / (3.0 * work)));
            long descentCap = Math.max(DESCENT_FLOOR, (long) Math.min(1e6, EXPLICIT_WORK / (20.0 * work)));
            for (double alpha : SCALES) {
                Result stiff = measure(model, loss, size, alpha, Map.of(), new BdfIntegrator(), "bdf");
                stiff.rows(size, alpha, "bdf", rows);
                Result explicit = measure(model, loss, size, alpha,
                        Map.of(Options.MAX_EVALUATIONS, Long.toString(explicitCap)), new DormandPrinceIntegrator(),
                        "dormand-prince (cap " + explicitCap + " evaluations)");
                explicit.rows(size, alpha, "dormand-prince", rows);
                measure(model, loss, size, alpha, Map.of(Options.MAX_STEPS, Long.toString(descentCap)),
                        new GradientDescentIntegrator(), "gradient-descent (step 0.1, cap " + descentCap + " steps)")
                        .rows(size, alpha, "gradient-descent", rows);
                explicit.ratios(stiff, size, alpha, ratios);
            }
        }
        rows.accept("explicit/stiff ratios (dormand-prince over bdf, where both reached the target):");
        ratios.forEach(rows);
    }

    private static Result measure(Model model, Loss loss, int[] size, double alpha, Map<String, String> options,
            Integrator integrator, String label) {
        DataSet data = TeacherData.generate(size[0], size[1], SEED);
        FlowProblem problem = new FlowProblem(data, model.create(ModelSpec.of(2, alpha), size[1]), loss, TARGETS,
                TOLERANCES, options);
        Result result = new Result(label);
        result.start = System.nanoTime();
        result.trajectory = integrator.integrate(problem, result);
        result.seconds = (System.nanoTime() - result.start) / 1e9;
        return result;
    }

    /** Times each checkpoint as it arrives. */
    private static final class Result implements RunControl {
        private final String label;
        private final List<Checkpoint> checkpoints = new ArrayList<>();
        private final List<Double> times = new ArrayList<>();
        private long start;
        private double seconds;
        private Trajectory trajectory;

        Result(String label) {
            this.label = label;
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
            times.add((System.nanoTime() - start) / 1e9);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        void rows(int[] size, double alpha, String name, Consumer<String> rows) {
            for (int k = 0; k < checkpoints.size(); k++) {
                Checkpoint checkpoint = checkpoints.get(k);
                rows.accept(String.format(Locale.ROOT, "%-6d %-6d %-5s %-16s %-11s %10d %6s %7s %9.3f  reached",
                        size[0], size[1], alpha, name, checkpoint.target().text(), checkpoint.evaluations(), "", "",
                        times.get(k)));
            }
            rows.accept(String.format(Locale.ROOT, "%-6d %-6d %-5s %-16s %-11s %10d %6d %7d %9.3f  %s: %s; %s",
                    size[0], size[1], alpha, name, "(end)", trajectory.evaluations(), trajectory.jacobians(),
                    trajectory.steps(), seconds, trajectory.status(), trajectory.message(), label));
        }

        void ratios(Result stiff, int[] size, double alpha, List<String> rows) {
            for (int k = 0; k < Math.min(checkpoints.size(), stiff.checkpoints.size()); k++) {
                rows.add(String.format(Locale.ROOT, "N=%d d=%d alpha=%s eps=%s: evaluations x%.1f, wall time x%.1f",
                        size[0], size[1], alpha, checkpoints.get(k).target().text(),
                        (double) checkpoints.get(k).evaluations() / stiff.checkpoints.get(k).evaluations(),
                        times.get(k) / stiff.times.get(k)));
            }
        }
    }
}
