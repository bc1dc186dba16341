package org.biasflow.report.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.biasflow.api.TargetLoss;
import org.biasflow.data.GeneratedData;
import org.biasflow.data.SyntheticData;

/**
 * What {@code bf:reproduce} runs: documented, seeded data sets, α on a log grid from 1e-3 to 1e3, depths 2 and 3,
 * and checkpoints at every decade of ε down to 1e-10, then log-spaced in log(1/ε) down to 1e-100000.
 *
 * @param dataSets the built-in data sets
 * @param alphas the initialization scales
 * @param depths the depths
 * @param targets the checkpoints of every trajectory
 * @param integratorOptions passed to every trajectory; an evaluation budget keeps the whole job bounded, and a
 *                          trajectory that spends it is recorded as far as it got
 */
record Reproduction(List<DataRecipe> dataSets, List<Double> alphas, List<Integer> depths, List<TargetLoss> targets,
        Map<String, String> integratorOptions) {

    static final Map<String, String> BUDGET = Map.of("max-evaluations", "40000");

    /** A data set made from a generator and its settings, described as a user could remake it with bf:data. */
    record DataRecipe(String name, String description, String command, Supplier<GeneratedData> generator) {
    }

    static Reproduction full() {
        return new Reproduction(builtInData(), logGrid(-3, 3, 13), List.of(2, 3), targets(5, 13), BUDGET);
    }

    /** A small version for tests and a first look: 5 scales, checkpoints to 1e-1000. */
    static Reproduction quick() {
        return new Reproduction(builtInData(), logGrid(-2, 2, 5), List.of(2, 3), targets(3, 5), BUDGET);
    }

    private static List<DataRecipe> builtInData() {
        return List.of(
                new DataRecipe("sparse-teacher",
                        "N = 20 Gaussian points in d = 50 dimensions labelled by a 3-sparse teacher (d > N)",
                        "bf:data --kind sparse-teacher --n 20 --d 50 --sparsity 3 --seed 1",
                        () -> SyntheticData.sparseTeacher(20, 50, 3, 0.0, 1)),
                new DataRecipe("two-clusters",
                        "N = 12 points in d = 3 dimensions from two Gaussian clusters (separation 4, spread 1)",
                        "bf:data --kind two-clusters --n 12 --d 3 --seed 2",
                        () -> SyntheticData.twoClusters(12, 3, 4.0, 1.0, 2)));
    }

    /** n values 10^from … 10^to, equally spaced in log10. */
    static List<Double> logGrid(int fromExponent, int toExponent, int n) {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double exponent = fromExponent + (double) (toExponent - fromExponent) * k / (n - 1);
            values.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", Math.pow(10, exponent))));
        }
        return values;
    }

    /**
     * ε = 1e-1 … 1e-10 by decades, then {@code beyond} more, log-spaced in log10(1/ε) from 10 to 10^maxExponent.
     */
    static List<TargetLoss> targets(int maxExponent, int beyond) {
        List<TargetLoss> targets = new ArrayList<>();
        for (int k = 1; k <= 10; k++) {
            targets.add(TargetLoss.ofLog10(-k));
        }
        for (int k = 1; k <= beyond; k++) {
            double magnitude = Math.pow(10, 1 + (maxExponent - 1.0) * k / beyond);
            targets.add(TargetLoss.ofLog10(-Math.rint(magnitude * 1e6) / 1e6));
        }
        return targets;
    }
}
