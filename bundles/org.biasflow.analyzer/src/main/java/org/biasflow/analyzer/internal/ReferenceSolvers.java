package org.biasflow.analyzer.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.biasflow.analyzer.Prediction;
import org.biasflow.analyzer.Threshold;
import org.biasflow.api.DataSet;
import org.biasflow.data.DataFiles;

/**
 * The entry point behind {@link org.biasflow.analyzer.References} and the analyzers. Max-margin solutions are kept
 * per data content (SHA-256 of the points and labels) because a sweep over α or depth, and {@code bf:analyze},
 * ask for the same LP and QP again and again.
 */
public final class ReferenceSolvers {
    private static final int CACHED_SOLUTIONS = 16;
    private static final Map<String, MaxMargin> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MaxMargin> eldest) {
            return size() > CACHED_SOLUTIONS;
        }
    };

    private ReferenceSolvers() {
    }

    public static MaxMargin maxMargin(DataSet data, Norm norm) {
        String key = norm.label() + ':' + DataFiles.hash(data);
        synchronized (CACHE) {
            MaxMargin cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        DataScale scale = DataScale.of(data);
        Separability.refuseInseparablePoints(data);
        MaxMargin solved;
        try {
            solved = scale.unscale(norm == Norm.L1 ? L1MaxMarginSolver.solve(scale.data)
                    : L2MaxMarginSolver.solve(scale.data));
        } catch (IllegalArgumentException e) {
            throw scale.explain(e, data.source());
        }
        if (!solved.certificate().passed()) {
            IllegalArgumentException explained = scale.explain(new IllegalArgumentException("the " + norm.label()
                    + " max-margin solve was not certified: " + solved.certificate().describe()), data.source());
            if (explained.getCause() != null) {
                throw explained;
            }
        }
        synchronized (CACHE) {
            CACHE.put(key, solved);
        }
        return solved;
    }

    public static Prediction predict(DataSet data, double mu, int depth) {
        DataScale scale = DataScale.of(data);
        Separability.refuseInseparablePoints(data);
        return new IntermediateSolver(scale, depth).solve(mu);
    }

    public static boolean hasKernelSide(double[] shape, double[] negativeShape) {
        return ShapeScales.alike(shape, negativeShape);
    }

    /**
     * With a shape, μ = α^D·mean((u₊u₋)^{D/2})/γ: the search runs at the α whose uniform initialization has that
     * scale, and the record carries that α, so that its conversions between μ and ε hold. The kernel side only
     * where the path ends at the ℓ2 predictor ({@link #hasKernelSide}).
     */
    public static Threshold threshold(DataSet data, double alpha, int depth, double tolerance, double[] shape,
            double[] negativeShape) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be positive and finite, got " + alpha);
        }
        double scale = Math.pow(alpha, depth);
        if (!Double.isFinite(scale) || scale < Double.MIN_NORMAL) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "alpha %s at depth %d: alpha^D"
                    + " = 1e%.0f is beyond the double range, so the thresholds log10 eps = -alpha^D / (mu ln 10) cannot"
                    + " be represented", alpha, depth, depth * Math.log10(alpha)));
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must lie in (0, 1), got " + tolerance);
        }
        ShapeScales scales = ShapeScales.of(shape, negativeShape, depth, data.dimension());
        if (depth > 2) {
            return new Threshold(alpha, depth, tolerance, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    maxMargin(data, Norm.L1).unique(), 0);
        }
        return new ThresholdSearch(DataScale.of(data), depth, maxMargin(data, Norm.L1), maxMargin(data, Norm.L2),
                scales, hasKernelSide(shape, negativeShape))
                .search(alpha * Math.pow(scales.mean(), 1.0 / depth), tolerance);
    }
}
