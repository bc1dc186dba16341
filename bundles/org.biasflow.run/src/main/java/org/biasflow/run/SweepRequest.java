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
 * @param alphas initialization scales, in the order rows are written
 * @param depths depths, in the order rows are written
 * @param targets the training losses recorded by every trajectory
 * @param output the folder for {@code sweep.csv} and {@code runs/}
 * @param integrator the integrator's name, or {@code null} for the configured default
 * @param threads trajectories run at once; 0 for one per processor
 * @param options integrator settings passed through
 */
public record SweepRequest(Path data, String model, String loss, List<Double> alphas, List<Integer> depths,
        List<TargetLoss> targets, Path output, String integrator, int threads, Map<String, String> options) {

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
    }
}
