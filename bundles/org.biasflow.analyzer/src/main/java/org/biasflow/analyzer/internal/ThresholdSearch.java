package org.biasflow.analyzer.internal;

import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Prediction;
import org.biasflow.analyzer.Threshold;

/**
 * Walks the Q_μ path from the kernel end to the rich end on a grid of {@value #STEPS_PER_DECADE} values of μ per
 * decade, each solve warm-started from the previous one, and refines each crossing of the tolerance by bisection
 * in log μ. The walk ends at the μ that the leading-order clock maps to ε = 10^{@value #DEEPEST_LOG10_LOSS}, ten
 * times deeper than any run reaches in minutes, so "not reached" means not reached by a loss a flow can be followed
 * to, not by some fixed μ.
 */
final class ThresholdSearch {
    static final double DEEPEST_LOG10_LOSS = -1e7;
    private static final int STEPS_PER_DECADE = 2;
    private static final int BISECTIONS = 12;

    private final IntermediateSolver solver;
    private final int depth;
    private final MaxMargin l1;
    private final MaxMargin l2;
    private int solves;
    /**
     * Whether the path's large-μ end is the ℓ2 predictor: for a shape that weighs coordinates unequally it is the
     * weighted one, min Σβᵢ²/cᵢ, and the kernel side is not searched.
     */
    private final boolean kernelSide;

    ThresholdSearch(DataScale data, int depth, MaxMargin l1, MaxMargin l2, ShapeScales shape, boolean kernelSide) {
        this.solver = new IntermediateSolver(data, depth, shape.relative(), shape.offsets());
        this.kernelSide = kernelSide;
        this.depth = depth;
        this.l1 = l1;
        this.l2 = l2;
    }

    Threshold search(double alpha, double tolerance) {
        double smallestMu = Threshold.mu(alpha, depth, DEEPEST_LOG10_LOSS);
        double step = Math.pow(10, 1.0 / STEPS_PER_DECADE);
        // Q_μ ≈ ‖β‖²/(4μ) once μ dwarfs the predictor's entries: start there, where the ℓ2 solution is exact.
        double mu = 1e4 * Math.max(1, Vectors.largest(l2.beta()));
        Prediction previous = solve(mu, null);
        while (kernelSide && distance(previous, l2) > tolerance) {
            mu *= 100;
            previous = solve(mu, null);
        }
        double kernelMu = Double.NaN;
        double richMu = distance(previous, l1) <= tolerance ? previous.mu() : Double.NaN;
        while (previous.mu() > smallestMu) {
            Prediction next = solve(Math.max(smallestMu, previous.mu() / step), previous);
            if (kernelSide && Double.isNaN(kernelMu) && distance(next, l2) > tolerance) {
                kernelMu = bisect(previous, next, l2, tolerance, true);
            }
            boolean wasRich = distance(previous, l1) <= tolerance;
            boolean isRich = distance(next, l1) <= tolerance;
            if (isRich && !wasRich) {
                richMu = bisect(previous, next, l1, tolerance, false);
            } else if (!isRich) {
                richMu = Double.NaN;
            }
            previous = next;
        }
        double richLog10 = Threshold.log10Loss(alpha, depth, Double.isNaN(richMu) ? smallestMu : richMu);
        return new Threshold(alpha, depth, tolerance, richMu, richLog10, kernelMu,
                Threshold.log10Loss(alpha, depth, kernelMu), smallestMu, l1.unique(), solves);
    }

    /**
     * The μ between {@code outer} (larger μ) and {@code inner} where the distance to the reference crosses the
     * tolerance; {@code nearAtLargeMu} tells which side is within it.
     */
    private double bisect(Prediction outer, Prediction inner, MaxMargin reference, double tolerance,
            boolean nearAtLargeMu) {
        Prediction high = outer;
        Prediction low = inner;
        for (int i = 0; i < BISECTIONS; i++) {
            Prediction middle = solve(Math.sqrt(high.mu() * low.mu()), high);
            boolean within = distance(middle, reference) <= tolerance;
            if (within == nearAtLargeMu) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return nearAtLargeMu ? high.mu() : low.mu();
    }

    private Prediction solve(double mu, Prediction warm) {
        solves++;
        return warm == null ? solver.solve(mu) : solver.solve(mu, warm.dual(), warm.mu());
    }

    /** Relative distance between predictors normalized to margin 1. */
    static double distance(Prediction prediction, MaxMargin reference) {
        return Vectors.relativeDistance(prediction.beta(), reference.beta());
    }
}
