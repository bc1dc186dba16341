package org.biasflow.integrator.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory;

/** The set behind {@link org.biasflow.integrator.FlowBenchmark#generic}: networks followed in their parameters. */
public final class GenericBenchmark {
    private static final Tolerances TOLERANCES = new Tolerances(1e-9, 1e-11);
    private static final long SEED = 1L;
    private static final double[] SCALES = {0.1, 1.0};

    private GenericBenchmark() {
    }

    /**
     * @param diagonal the diagonal model, followed through its mirror map and through its parameters
     * @param fullyConnected the fully connected model, or null when it is not installed
     */
    public static void run(Model diagonal, Model fullyConnected, Loss loss, Consumer<String> rows) {
        rows.accept(String.format(Locale.ROOT, "%-28s %-5s %-5s %-2s %-5s %8s %-10s %7s %5s %7s %6s %8s %9s %8s  %s",
                "network", "N", "d", "D", "alpha", "P", "eps", "evals", "jacs", "krylov", "ev/jac", "pullbks",
                "wall_s", "heap_MB", "status"));
        Case.of(diagonal, "diagonal (warm-up)", 10, 30, 2, 1.0, Map.of(Options.FORMULATION, "parameters"), loss,
                "1e-100").measure();
        if (fullyConnected != null) {
            for (double alpha : SCALES) {
                Case.of(fullyConnected, "fully-connected width 50", 10, 30, 2, alpha, Map.of("width", "50"), loss,
                        "1e-10", "1e-100", "1e-10000").measure().rows(rows);
            }
        } else {
            rows.accept("fully-connected: not installed; drop the org.biasflow.example.fullyconnected bundle into"
                    + " the load folder for its rows");
        }
        for (double alpha : SCALES) {
            Result mirror = Case.of(diagonal, "diagonal, mirror map", 100, 1000, 2, alpha,
                    Map.of(Options.FORMULATION, "mirror"), loss, "1e-10", "1e-100", "1e-10000").measure();
            mirror.rows(rows);
            Result parameters = Case.of(diagonal, "diagonal, parameters", 100, 1000, 2, alpha,
                    Map.of(Options.FORMULATION, "parameters"), loss, "1e-10", "1e-100", "1e-10000").measure();
            parameters.rows(rows);
            rows.accept(String.format(Locale.ROOT, "  parameters / mirror wall time at alpha = %s: %.2f", alpha,
                    parameters.seconds / mirror.seconds));
        }
        for (String formulation : new String[] {"mirror", "parameters"}) {
            Case.of(diagonal, "diagonal N > d, " + formulation, 357, 64, 2, 1.0,
                    Map.of(Options.FORMULATION, formulation), loss, "1e-10", "1e-100", "1e-10000", "1e-1000000")
                    .measure().rows(rows);
        }
        if (fullyConnected != null) {
            for (double alpha : SCALES) {
                Case.of(fullyConnected, "fully-connected width 100", 100, 1000, 2, alpha, Map.of("width", "100"),
                        loss, "1e-10", "1e-100", "1e-10000").measure().rows(rows);
            }
            Case.of(fullyConnected, "fully-connected width 100", 100, 1000, 3, 1.0, Map.of("width", "100"), loss,
                    "1e-10", "1e-100", "1e-1000").measure().rows(rows);
        }
    }

    /**
     * One network on one data set.
     *
     * @param options the width of a fully connected network (a model option), or the formulation of a diagonal
     *        one (an integrator option)
     */
    private record Case(Model model, String label, int size, int dimension, int depth, double alpha,
            Map<String, String> options, Loss loss, List<TargetLoss> targets) {

        static Case of(Model model, String label, int size, int dimension, int depth, double alpha,
                Map<String, String> options, Loss loss, String... targets) {
            return new Case(model, label, size, dimension, depth, alpha, options, loss,
                    java.util.Arrays.stream(targets).map(TargetLoss::parse).toList());
        }

        private Map<String, String> modelOptions() {
            return options.containsKey("width") ? options : Map.of();
        }

        private Map<String, String> integratorOptions() {
            return options.containsKey("width") ? Map.of() : options;
        }

        Result measure() {
            DataSet data = TeacherData.generate(size, dimension, SEED);
            ModelSpec spec = ModelSpec.of(depth, alpha).withOptions(modelOptions()).withSeed(SEED);
            FlowProblem problem = new FlowProblem(data, model.create(spec, dimension), loss, targets, TOLERANCES,
                    integratorOptions());
            Result result = new Result(this, problem.network().parameterCount());
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            result.start = System.nanoTime();
            result.trajectory = new BdfIntegrator().integrate(problem, result);
            result.seconds = (System.nanoTime() - result.start) / 1e9;
            result.peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            return result;
        }
    }

    /** Times each checkpoint as it arrives and keeps the integrator's details. */
    private static final class Result implements RunControl {
        private final Case setting;
        private final int parameters;
        private final List<Checkpoint> checkpoints = new ArrayList<>();
        private final List<Double> times = new ArrayList<>();
        private final Map<String, String> details = new LinkedHashMap<>();
        private long start;
        private double seconds;
        private long peakHeap;
        private Trajectory trajectory;

        Result(Case setting, int parameters) {
            this.setting = setting;
            this.parameters = parameters;
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
            times.add((System.nanoTime() - start) / 1e9);
        }

        @Override
        public void detail(String name, String value) {
            details.put(name, value);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        void rows(Consumer<String> rows) {
            String prefix = String.format(Locale.ROOT, "%-28s %-5d %-5d %-2d %-5s %8d", setting.label(),
                    setting.size(), setting.dimension(), setting.depth(), setting.alpha(), parameters);
            for (int k = 0; k < checkpoints.size(); k++) {
                rows.accept(String.format(Locale.ROOT, "%s %-10s %7d %5s %7s %6s %8s %9.3f %8s  reached", prefix,
                        checkpoints.get(k).target().text(), checkpoints.get(k).evaluations(), "", "", "", "",
                        times.get(k), ""));
            }
            long jacobians = Math.max(1, trajectory.jacobians());
            rows.accept(String.format(Locale.ROOT, "%s %-10s %7d %5d %7s %6.1f %8s %9.3f %8d  %s: %s (%s%s)", prefix,
                    "(end)", trajectory.evaluations(), trajectory.jacobians(),
                    details.getOrDefault("krylov-iterations", "-"), (double) trajectory.evaluations() / jacobians,
                    details.getOrDefault("extra-pullbacks", "-"), seconds, peakHeap >> 20, trajectory.status(),
                    trajectory.message(), details.getOrDefault("formulation", "?"),
                    details.containsKey("linear-solver") ? ", " + details.get("linear-solver") + ", tangents "
                            + details.get("tangents") : ""));
        }
    }
}
