package org.biasflow.analyzer.internal;

import org.biasflow.analyzer.Certificate;
import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;

/**
 * The hard-margin SVM min ½‖β‖² s.t. X̃β ≥ 1 through its dual min ½λᵀKλ − Σλ over λ ≥ 0 with K = X̃X̃ᵀ, solved by
 * projected Newton on the N dual variables (see SOLVERS.md for why not a library QP). β = X̃ᵀλ.
 */
final class L2MaxMarginSolver {
    private static final double NEWTON_TOLERANCE = 1e-12;
    private static final int NEWTON_ITERATIONS = 500;

    private L2MaxMarginSolver() {
    }

    static MaxMargin solve(SignedData data) {
        double[][] gram = data.weightedGram(null);
        double[] ones = new double[data.size];
        java.util.Arrays.fill(ones, 1);
        BoundedNewton.Objective dual = BoundedNewton.quadratic(gram, ones);
        double[] lambda;
        try {
            lambda = BoundedNewton.minimize(dual, new double[data.size], NEWTON_TOLERANCE, NEWTON_ITERATIONS)
                    .lambda();
        } catch (BoundedNewton.Unbounded e) {
            throw Separability.notSeparable();
        }
        double[] beta = data.transposeTimes(lambda);
        double[] margins = data.margins(beta);
        if (Certificates.primalInfeasibility(margins) > 0.5) {
            // The dual stalled on a ray where X̃ᵀλ ≈ 0: only non-separable data have one.
            throw Separability.notSeparable();
        }
        Certificate certificate = new Certificate(Certificates.primalInfeasibility(margins),
                Certificates.negativePart(lambda), Certificates.complementarityGap(lambda, margins),
                Certificate.DEFAULT_TOLERANCE);
        return new MaxMargin(Norm.L2, beta, lambda, 1 / Vectors.norm(beta, 2), certificate, true);
    }
}
