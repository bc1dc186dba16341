package org.biasflow.integrator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.integrator.internal.BenchmarkGrid;

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
}
