package org.biasflow.integrator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.integrator.internal.BenchmarkGrid;
import org.biasflow.integrator.internal.GenericBenchmark;

/**
 * Wall time and evaluations of the bdf, dormand-prince and gradient-descent integrators on Gaussian data labelled
 * by a sparse teacher: (N, d) ∈ {(10, 30), (100, 1000), (1000, 10000)}, depth 2, α ∈ {0.1, 1, 10}, targets
 * 1e-10, 1e-100, 1e-10000 and 1e-1000000. The explicit methods run under an evaluation cap, stated in their rows.
 */
public final class FlowBenchmark {

    private FlowBenchmark() {
    }

    /**
     * Runs the grid up to the given number of sizes and returns printable rows: a header, one row per run and
     * target, and the explicit-to-stiff ratios.
     *
     * @param model the diagonal model service
     * @param loss the exponential loss service
     * @param sizes how many of the three sizes to run, smallest first
     */
    public static List<String> run(Model model, Loss loss, int sizes) {
        List<String> rows = new ArrayList<>();
        run(model, loss, sizes, rows::add);
        return rows;
    }

    /**
     * Runs the grid as {@link #run(Model, Loss, int)} does, handing each row over as soon as it is measured: the
     * largest size takes minutes.
     *
     * @param rows told each row in order
     */
    public static void run(Model model, Loss loss, int sizes, Consumer<String> rows) {
        BenchmarkGrid.run(model, loss, sizes, rows);
    }

    /**
     * Networks followed in their own parameters, each row handed over as measured: a fully connected network of
     * width 50 on N = 10, d = 30 (P = 1,550) and of width 100 on N = 100, d = 1000 (P = 100,100, depths 2 and 3),
     * and the diagonal network through its parameters beside its mirror map on N = 100, d = 1000 (to 1e-10000) and
     * on N = 357, d = 64 (more points than features, to 1e-1000000), with P, evaluations, Jacobians, Krylov
     * iterations, wall time and peak heap.
     *
     * @param diagonal the diagonal model service
     * @param fullyConnected the fully connected model service, or null to leave its rows out
     * @param loss the exponential loss service
     * @param rows told each row in order
     */
    public static void generic(Model diagonal, Model fullyConnected, Loss loss, Consumer<String> rows) {
        GenericBenchmark.run(diagonal, fullyConnected, loss, rows);
    }
}
