package org.biasflow.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.biasflow.api.TargetLoss;

/**
 * A grid of trajectories: one per combination of the swept settings (model, α, D, seed, shape, negative shape and
 * the values of each listed option), each recording every target loss. A repeated value of any setting runs once.
 *
 * @param data the data file
 * @param model the model service's name; with {@code models}, their first
 * @param loss the loss service's name
 * @param alphas initialization scales, in the order rows are written
 * @param depths depths, in the order rows are written
 * @param targets the training losses recorded by every trajectory
 * @param output the folder for {@code sweep.csv} and {@code runs/}
 * @param integrator the integrator's name, or {@code null} for the configured default
 * @param threads trajectories run at once; 0 for one per processor
 * @param options settings with one value for every trajectory (integrator, engine and model options)
 * @param overwrite replace an earlier run or sweep in {@code output}, which stays whole until the new sweep is
 *                  complete
 * @param resume complete the same sweep in {@code output}, keeping every trajectory already recorded there
 * @param shard run only this slice of the grid, or {@code null} for all of it
 * @param models the models swept, each taking the options it declares; empty for {@code model} alone
 * @param seeds the seeds of models with a random initialization; empty for seed 0
 * @param shapes initialization shapes u, each one value or one per feature; empty for u = 1
 * @param negativeShapes shapes of the negative weights (unbalanced initializations), each one value or one per
 *                       feature; empty for the balanced w₊(0) = w₋(0)
 * @param optionValues options swept over several values, key → values in row order; a key may not also be in
 *                     {@code options}
 * @since 1.3
 */
public record SweepRequest(Path data, String model, String loss, List<Double> alphas, List<Integer> depths,
        List<TargetLoss> targets, Path output, String integrator, int threads, Map<String, String> options,
        boolean overwrite, boolean resume, Shard shard, List<String> models, List<Long> seeds,
        List<double[]> shapes, List<double[]> negativeShapes, Map<String, List<String>> optionValues) {

    public SweepRequest {
        alphas = List.copyOf(alphas);
        depths = List.copyOf(depths);
        targets = List.copyOf(targets);
        options = Map.copyOf(options);
        models = List.copyOf(models);
        seeds = List.copyOf(seeds);
        shapes = copies(shapes);
        negativeShapes = copies(negativeShapes);
        Map<String, List<String>> lists = new LinkedHashMap<>();
        optionValues.forEach((key, values) -> lists.put(key, List.copyOf(values)));
        optionValues = java.util.Collections.unmodifiableMap(lists);
        if (model == null && !models.isEmpty()) {
            model = models.get(0);
        }
        if (model == null || !models.isEmpty() && !models.get(0).equals(model)) {
            throw new IllegalArgumentException("a sweep names its model, or its models with the model the first of"
                    + " them; got model " + model + " and models " + models);
        }
        if (alphas.isEmpty() || depths.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one alpha and one depth");
        }
        for (Map.Entry<String, List<String>> listed : optionValues.entrySet()) {
            if (listed.getValue().isEmpty()) {
                throw new IllegalArgumentException("option " + listed.getKey() + " is given no value");
            }
            if (options.containsKey(listed.getKey())) {
                throw new IllegalArgumentException("option " + listed.getKey() + " is given both one value and a"
                        + " list of values; give it once");
            }
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

    /**
     * The same sweep with {@code count} trajectories run (or, on a cluster, in flight) at once.
     *
     * @since 1.4
     */
    public SweepRequest withThreads(int count) {
        return new SweepRequest(data, model, loss, alphas, depths, targets, output, integrator, count, options,
                overwrite, resume, shard, models, seeds, shapes, negativeShapes, optionValues);
    }

    /** A sweep over α and D only (and the model's seed 0, shape u = 1, balanced), as before 1.3. */
    public SweepRequest(Path data, String model, String loss, List<Double> alphas, List<Integer> depths,
            List<TargetLoss> targets, Path output, String integrator, int threads, Map<String, String> options,
            boolean overwrite, boolean resume, Shard shard) {
        this(data, model, loss, alphas, depths, targets, output, integrator, threads, options, overwrite, resume,
                shard, List.of(), List.of(), List.of(), List.of(), Map.of());
    }

    /** A whole sweep over α and D into a new or empty folder. */
    public SweepRequest(Path data, String model, String loss, List<Double> alphas, List<Integer> depths,
            List<TargetLoss> targets, Path output, String integrator, int threads, Map<String, String> options) {
        this(data, model, loss, alphas, depths, targets, output, integrator, threads, options, false, false, null);
    }

    @Override
    public List<double[]> shapes() {
        return copies(shapes);
    }

    @Override
    public List<double[]> negativeShapes() {
        return copies(negativeShapes);
    }

    /** The models swept: {@code models}, or {@code model} alone. */
    public List<String> modelNames() {
        return models.isEmpty() ? List.of(model) : models;
    }

    private static List<double[]> copies(List<double[]> arrays) {
        List<double[]> copied = new ArrayList<>();
        for (double[] array : arrays) {
            copied.add(array.clone());
        }
        return java.util.Collections.unmodifiableList(copied);
    }
}
