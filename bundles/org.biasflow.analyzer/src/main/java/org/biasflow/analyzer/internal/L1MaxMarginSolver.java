package org.biasflow.analyzer.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.biasflow.analyzer.Certificate;
import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.linear.LinearSolver;
import org.ojalgo.structure.Access1D;

/**
 * The LP min ‖β‖₁ s.t. X̃β ≥ 1, with β = p − q, p, q ≥ 0, solved by ojAlgo's simplex over a working set of features
 * that grows by column generation: a feature enters when its reduced cost 1 − |(X̃ᵀλ)ᵢ| is negative for the
 * current margin multipliers λ. A vertex uses at most N features, so for d ≫ N the LPs stay small; the final
 * pricing over every feature is the dual-feasibility part of the certificate.
 */
final class L1MaxMarginSolver {
    private static final double PRICING_TOLERANCE = 1e-9;
    /** Relative spread between two optimal vertices above which the minimizer is reported as not unique. */
    private static final double UNIQUENESS_TOLERANCE = 1e-6;

    private L1MaxMarginSolver() {
    }

    static MaxMargin solve(SignedData data) {
        int[] working = initialWorkingSet(data);
        while (true) {
            Restricted restricted = solveRestricted(data, working);
            if (restricted == null) {
                if (working.length == data.dimension) {
                    throw Separability.notSeparable();
                }
                working = grow(working, data.dimension, Math.max(working.length, data.size));
                continue;
            }
            double[] reducedScores = data.transposeTimes(restricted.dual);
            int[] entering = entering(reducedScores, working);
            if (entering.length == 0) {
                return certify(data, restricted, reducedScores);
            }
            working = IntStream.concat(Arrays.stream(working), Arrays.stream(entering)).sorted().toArray();
        }
    }

    private record Restricted(double[] beta, double[] dual) {
    }

    /** The features with the largest |Σₙ x̃ₙᵢ|, which a predictor with all margins positive tends to use. */
    private static int[] initialWorkingSet(SignedData data) {
        int count = Math.min(data.dimension, Math.max(2 * data.size, 20));
        double[] ones = new double[data.size];
        Arrays.fill(ones, 1);
        double[] summed = data.transposeTimes(ones);
        return IntStream.range(0, data.dimension).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(summed[i]))).limit(count)
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] grow(int[] working, int dimension, int extra) {
        boolean[] in = new boolean[dimension];
        for (int i : working) {
            in[i] = true;
        }
        int[] added = IntStream.range(0, dimension).filter(i -> !in[i]).limit(extra).toArray();
        return IntStream.concat(Arrays.stream(working), Arrays.stream(added)).sorted().toArray();
    }

    private static int[] entering(double[] scores, int[] working) {
        boolean[] in = new boolean[scores.length];
        for (int i : working) {
            in[i] = true;
        }
        return IntStream.range(0, scores.length).filter(i -> !in[i] && Math.abs(scores[i]) > 1 + PRICING_TOLERANCE)
                .boxed().sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(scores[i])))
                .limit(Math.max(working.length / 2, 10)).mapToInt(Integer::intValue).toArray();
    }

    /** The LP over the given features, or null when it is infeasible. */
    private static Restricted solveRestricted(SignedData data, int[] features) {
        int m = features.length;
        LinearSolver.Builder builder = LinearSolver.newBuilder();
        double[] cost = new double[2 * m];
        Arrays.fill(cost, 1);
        builder.objective(cost);
        for (int n = 0; n < data.size; n++) {
            double[] row = new double[2 * m];
            for (int j = 0; j < m; j++) {
                row[j] = -data.entry(n, features[j]);
                row[m + j] = data.entry(n, features[j]);
            }
            builder.inequality(-1, row);
        }
        builder.lower(0.0);
        Optimisation.Result result = builder.solve();
        if (result.getState() == Optimisation.State.INFEASIBLE) {
            return null;
        }
        if (!result.getState().isOptimal()) {
            throw new IllegalStateException("the l1 max-margin LP ended in state " + result.getState());
        }
        double[] beta = new double[data.dimension];
        for (int j = 0; j < m; j++) {
            beta[features[j]] = result.doubleValue(j) - result.doubleValue(m + j);
        }
        Access1D<?> multipliers = result.getMultipliers().orElseThrow(
                () -> new IllegalStateException("the LP solver returned no dual multipliers"));
        double[] dual = new double[data.size];
        for (int n = 0; n < data.size; n++) {
            // The constraints are −X̃β ≤ −1, whose multipliers ojAlgo reports with the sign of that form.
            dual[n] = Math.abs(multipliers.doubleValue(n));
        }
        return new Restricted(beta, dual);
    }

    private static MaxMargin certify(SignedData data, Restricted solution, double[] scores) {
        double[] margins = data.margins(solution.beta);
        double norm = Vectors.norm(solution.beta, 1);
        double dualValue = Arrays.stream(solution.dual).sum();
        double dualInfeasibility = Math.max(0, Vectors.largest(scores) - 1);
        Certificate certificate = new Certificate(Certificates.primalInfeasibility(margins), dualInfeasibility,
                (norm - dualValue) / norm, Certificate.DEFAULT_TOLERANCE);
        return new MaxMargin(Norm.L1, solution.beta, solution.dual, 1 / norm, certificate,
                isUnique(data, solution.beta, solution.dual, scores));
    }

    /**
     * By complementary slackness with the optimal λ, the minimizers are exactly the β that use only features with
     * |(X̃ᵀλ)ᵢ| = 1, each with the sign of (X̃ᵀλ)ᵢ, and keep the margin of every point with λₙ &gt; 0 at 1. Over
     * that face the minimizer is unique when a linear function in general position has equal minimum and maximum.
     */
    private static boolean isUnique(SignedData data, double[] beta, double[] dual, double[] scores) {
        int[] tight = IntStream.range(0, scores.length).filter(i -> Math.abs(scores[i]) >= 1 - 1e-7).toArray();
        double[] generic = new double[tight.length];
        for (int t = 0; t < tight.length; t++) {
            generic[t] = 1 + 0.5 * Math.sin(1.0 + 7.3 * t);
        }
        double[] low = faceVertex(data, tight, dual, scores, generic);
        double[] high = faceVertex(data, tight, dual, scores, Vectors.scaled(generic, -1));
        if (low == null || high == null) {
            return true;
        }
        return Vectors.norm(subtract(low, high), 2) <= UNIQUENESS_TOLERANCE * Vectors.norm(beta, 2);
    }

    private static double[] faceVertex(SignedData data, int[] tight, double[] dual, double[] scores,
            double[] objective) {
        int m = tight.length;
        double largestDual = Vectors.largest(dual);
        LinearSolver.Builder builder = LinearSolver.newBuilder();
        builder.objective(objective);
        for (int n = 0; n < data.size; n++) {
            double[] row = new double[m];
            for (int t = 0; t < m; t++) {
                row[t] = Math.signum(scores[tight[t]]) * data.entry(n, tight[t]);
            }
            if (dual[n] > 1e-9 * largestDual) {
                builder.equality(1, row);
            } else {
                builder.inequality(-1, Vectors.scaled(row, -1));
            }
        }
        builder.lower(0.0);
        Optimisation.Result result = builder.solve();
        if (!result.getState().isOptimal()) {
            return null;
        }
        double[] z = new double[m];
        for (int t = 0; t < m; t++) {
            z[t] = result.doubleValue(t);
        }
        return z;
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] result = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            result[i] = a[i] - b[i];
        }
        return result;
    }
}
