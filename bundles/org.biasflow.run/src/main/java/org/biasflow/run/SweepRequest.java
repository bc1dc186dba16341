package org.biasflow.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.biasflow.api.TargetLoss;

/**
 * A grid of trajectories: one per (α, D), each recording every target loss.
 *
 * @param data the data file
 * @param model the model service's name
 * @param loss the loss service's name
 * @param alphas initialization scales, in the order rows are written; a repeated value runs once
 * @param depths depths, in the order rows are written; a repeated value runs once
 * @param targets the training losses recorded by every trajectory
 * @param output the folder for {@code sweep.csv} and {@code runs/}
 * @param integrator the integrator's name, or {@code null} for the configured default
 * @param threads trajectories run at once; 0 for one per processor
 * @param options integrator settings passed through
 * @param overwrite replace an earlier run or sweep in {@code output}, which stays whole until the new sweep is
 *                  complete
 * @param resume complete the same sweep in {@code output}, keeping every trajectory already recorded there
 * @param shard run only this slice of the grid, or {@code null} for all of it
 */
public record SweepRequest(Path data, String model, String loss, List<Double> alphas, List<Integer> depths,
        List<TargetLoss> targets, Path output, String integrator, int threads, Map<String, String> options,
        boolean overwrite, boolean resume, Shard shard) {

    public SweepRequest {
        alphas = List.copyOf(alphas);
        depths = List.copyOf(depths);
        targets = List.copyOf(targets);
        options = Map.copyOf(options);
        if (alphas.isEmpty() || depths.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one alpha and one depth");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per processor) or more, got " + threads);
        }
        if (overwrite && resume) {
            throw new IllegalArgumentException("--overwrite replaces the sweep in the folder and --resume completes"
                    + " it: give one of them");
        }
        if (overwrite && shard != null) {
            throw new IllegalArgumentException("--overwrite cannot be given to a shard (the other shards write into"
                    + " the same folder): empty the folder, or choose a new --out, before the shards start");
        }
    }

    /** A whole sweep into a new or empty folder. */
    public SweepRequest(Path data, String model, String loss, List<Double> alphas, List<Integer> depths,
            List<TargetLoss> targets, Path output, String integrator, int threads, Map<String, String> options) {
        this(data, model, loss, alphas, depths, targets, output, integrator, threads, options, false, false, null);
    }
}
