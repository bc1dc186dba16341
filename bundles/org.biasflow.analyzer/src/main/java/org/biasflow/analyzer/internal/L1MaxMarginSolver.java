package org.biasflow.analyzer.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.biasflow.analyzer.Certificate;
import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.biasflow.linalg.DenseLu;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.linear.LinearSolver;
import org.ojalgo.structure.Access1D;

/**
 * The LP min ‖β‖₁ s.t. X̃β ≥ 1, with β = p − q, p, q ≥ 0. An interior-point estimate ({@link L1InteriorPoint})
 * names the vertex, which a square solve then computes exactly; when that vertex is degenerate or fails its
 * certificate, ojAlgo's simplex settles the LP over a working set of features that grows by column generation: a
 * feature enters when its reduced cost 1 − |(X̃ᵀλ)ᵢ| is negative for the current margin multipliers λ. Either way the
 * certificate comes from pricing every feature on the full problem.
 */
final class L1MaxMarginSolver {
    private static final double PRICING_TOLERANCE = 1e-9;
    /** Relative spread between two optimal vertices above which the minimizer is reported as not unique. */
    private static final double UNIQUENESS_TOLERANCE = 1e-6;
    /** |(X̃ᵀλ)ᵢ| within this of 1 counts as a tight dual constraint. */
    private static final double TIGHT_TOLERANCE = 1e-7;
    /** Multipliers below this fraction of the largest count as zero, for strict complementarity. */
    private static final double STRICT_DUAL = 1e-9;
    private static final double SINGULAR_PIVOT = 1e-13;
    /** How near |(X̃ᵀλ)ᵢ| = 1 the estimate's features must be to seed the simplex's working set. */
    private static final double NEARLY_TIGHT = 1e-3;

    private L1MaxMarginSolver() {
    }

    /**
     * Ends the solve when its thread was interrupted: the run that asked for it was cancelled while it prepared (the
     * solve takes 10–30 s at N = 1000, d = 10000), and no one waits for the answer. Nothing is cached.
     */
    static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("the l1 max-margin solve was interrupted");
        }
    }

    static MaxMargin solve(SignedData data) {
        L1InteriorPoint.Estimate estimate = L1InteriorPoint.solve(data);
        if (estimate != null) {
            MaxMargin polished = polish(data, estimate);
            if (polished != null) {
                return polished;
            }
        }
        return columnGeneration(data, estimate == null ? L1InteriorPoint.initialWorkingSet(data)
                : nearlyTight(data.transposeTimes(estimate.dual())));
    }

    /**
     * The vertex the interior-point estimate points at: its support S (features with |βᵢ| above their dual slack
     * 1 − |(X̃ᵀλ)ᵢ|) and active points A (λₙ above their margin surplus) make a square system X̃_{A,S} β_S = 1,
     * X̃_{A,S}ᵀ λ_A = sign((X̃ᵀλ)_S) at a non-degenerate optimum. Null when that identification fails or the exact
     * solution does not pass its certificate, for the simplex to settle.
     */
    private static MaxMargin polish(SignedData data, L1InteriorPoint.Estimate estimate) {
        double[] scores = data.transposeTimes(estimate.dual());
        double[] margins = data.margins(estimate.beta());
        double[] beta = estimate.beta();
        double[] lambda = estimate.dual();
        int[] support = IntStream.range(0, data.dimension).filter(i -> Math.abs(beta[i]) > 1 - Math.abs(scores[i]))
                .toArray();
        int[] active = IntStream.range(0, data.size).filter(n -> lambda[n] > margins[n] - 1).toArray();
        if (support.length != active.length || support.length == 0) {
            return null;
        }
        double[][] square = new double[active.length][support.length];
        for (int a = 0; a < active.length; a++) {
            for (int b = 0; b < support.length; b++) {
                square[a][b] = data.entry(active[a], support[b]);
            }
        }
        DenseLu lu = DenseLu.factor(square, SINGULAR_PIVOT);
        if (lu == null) {
            return null;
        }
        // X̃_{A,S} β_S = 1 and X̃_{A,S}ᵀ λ_A = sign((X̃ᵀλ)_S), solved in place
        double[] supportBeta = new double[active.length];
        Arrays.fill(supportBeta, 1);
        lu.solve(supportBeta);
        double[] activeDual = Arrays.stream(support).mapToDouble(i -> Math.signum(scores[i])).toArray();
        lu.solveTransposed(activeDual);
        double[] exactBeta = new double[data.dimension];
        for (int b = 0; b < support.length; b++) {
            exactBeta[support[b]] = supportBeta[b];
        }
        double[] exactDual = new double[data.size];
        for (int a = 0; a < active.length; a++) {
            exactDual[active[a]] = activeDual[a];
        }
        double[] exactScores = data.transposeTimes(exactDual);
        long tight = Arrays.stream(exactScores).filter(score -> Math.abs(score) >= 1 - TIGHT_TOLERANCE).count();
        boolean strictlyComplementary = tight == support.length
                && Arrays.stream(activeDual).min().orElseThrow() > STRICT_DUAL * Vectors.largest(activeDual);
        MaxMargin result = certify(data, exactBeta, exactDual, exactScores, strictlyComplementary);
        return result.certificate().passed() ? result : null;
    }

    /** The features with |(X̃ᵀλ)ᵢ| near 1, where the support of a vertex near the estimate's lies. */
    private static int[] nearlyTight(double[] scores) {
        return IntStream.range(0, scores.length).filter(i -> Math.abs(scores[i]) >= 1 - NEARLY_TIGHT).toArray();
    }

    static MaxMargin columnGeneration(SignedData data, int[] initialWorkingSet) {
        int[] working = initialWorkingSet;
        while (true) {
            stopIfInterrupted();
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
                return certify(data, restricted.beta, restricted.dual, reducedScores, false);
            }
            working = IntStream.concat(Arrays.stream(working), Arrays.stream(entering)).sorted().toArray();
        }
    }

    private record Restricted(double[] beta, double[] dual) {
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

    /**
     * The certificate on the full problem; {@code knownUnique} is set when the vertex is strictly complementary
     * and non-degenerate, which makes it the only minimizer without the two LPs of {@link #isUnique}.
     */
    private static MaxMargin certify(SignedData data, double[] beta, double[] dual, double[] scores,
            boolean knownUnique) {
        double[] margins = data.margins(beta);
        double norm = Vectors.norm(beta, 1);
        double dualValue = Arrays.stream(dual).sum();
        double dualInfeasibility = Math.max(Math.max(0, Vectors.largest(scores) - 1),
                Certificates.negativePart(dual));
        Certificate certificate = new Certificate(Certificates.primalInfeasibility(margins), dualInfeasibility,
                (norm - dualValue) / norm, Certificate.DEFAULT_TOLERANCE);
        return new MaxMargin(Norm.L1, beta, dual, 1 / norm, certificate,
                knownUnique || isUnique(data, beta, dual, scores));
    }

    /**
     * By complementary slackness with the optimal λ, the minimizers are exactly the β that use only features with
     * |(X̃ᵀλ)ᵢ| = 1, each with the sign of (X̃ᵀλ)ᵢ, and keep the margin of every point with λₙ &gt; 0 at 1. Over
     * that face the minimizer is unique when a linear function in general position has equal minimum and maximum.
     */
    private static boolean isUnique(SignedData data, double[] beta, double[] dual, double[] scores) {
        int[] tight = IntStream.range(0, scores.length).filter(i -> Math.abs(scores[i]) >= 1 - TIGHT_TOLERANCE).toArray();
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
