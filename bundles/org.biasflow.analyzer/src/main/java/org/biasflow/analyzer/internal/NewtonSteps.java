package org.biasflow.analyzer.internal;

import org.biasflow.linalg.Cholesky;
import org.biasflow.linalg.RowMatrix;

/**
 * Newton steps H_FF·x = r of a dual whose Hessian is H = X̃ diag(w) X̃ᵀ, over the free points F, by conjugate
 * gradients preconditioned with H factored at an earlier iterate, over points F₀ ⊇ F.
 *
 * <p>Why: forming H_FF costs |F|²d/2 multiply-adds, a product with it two passes over those rows of X̃, |F|·d each.
 * Along a projected Newton solve the weights move in nearly every feature, and F shrinks a few points at a time, so
 * each iteration used to form H afresh: at N = 1000, d = 10000 the three Q_μ solves of a run took 11–12 s. An earlier
 * H is a preconditioner close enough that 4–15 conjugate gradient steps reach the step, and they took 3.4–4.3 s.
 * When F is not within F₀, or the gradients do not converge, H is formed and factored afresh at the current weights.
 */
final class NewtonSteps {
    /** The residual, relative to r, at which a step is taken: Newton then converges at about this rate. */
    private static final double RELATIVE_RESIDUAL = 1e-3;
    /** Conjugate gradient steps after which the preconditioner is taken as too stale, and H is factored afresh. */
    private static final int MOST_ITERATIONS = 25;

    private final SignedData data;
    private Cholesky factored;
    /** F₀: the points of the factored H, ascending. */
    private int[] factoredPoints;

    NewtonSteps(SignedData data) {
        this.data = data;
    }

    /**
     * @param weights w, one per feature
     * @param free    F, ascending
     * @param rhs     r, one entry per point of F
     */
    double[] solve(double[] weights, int[] free, double[] rhs) {
        SignedData rows = data.restrict(free);
        int[] positions = factored == null ? null : positions(factoredPoints, free);
        if (positions != null) {
            double[] step = conjugateGradients(rows, weights, positions, rhs);
            if (step != null) {
                return step;
            }
        }
        factored = DenseCholesky.factorRegularized(rows.weightedGram(weights));
        factoredPoints = free.clone();
        return factored.solve(rhs);
    }

    /** The step, or null when {@value #MOST_ITERATIONS} iterations do not reach it. */
    private double[] conjugateGradients(SignedData rows, double[] weights, int[] positions, double[] rhs) {
        int size = rhs.length;
        double[] step = new double[size];
        double[] residual = rhs.clone();
        double[] preconditioned = precondition(residual, positions);
        double[] direction = preconditioned.clone();
        double along = dot(residual, preconditioned);
        double target = RELATIVE_RESIDUAL * Math.sqrt(dot(rhs, rhs));
        if (target == 0) {
            return step;
        }
        for (int iteration = 0; iteration < MOST_ITERATIONS; iteration++) {
            double[] product = rows.transposeTimes(direction);
            for (int i = 0; i < product.length; i++) {
                product[i] *= weights[i];
            }
            double[] curved = rows.margins(product);
            double length = along / dot(direction, curved);
            for (int f = 0; f < size; f++) {
                step[f] += length * direction[f];
                residual[f] -= length * curved[f];
            }
            if (Math.sqrt(dot(residual, residual)) <= target) {
                return step;
            }
            preconditioned = precondition(residual, positions);
            double alongNext = dot(residual, preconditioned);
            double ratio = alongNext / along;
            along = alongNext;
            for (int f = 0; f < size; f++) {
                direction[f] = preconditioned[f] + ratio * direction[f];
            }
        }
        return null;
    }

    /**
     * (H₀⁻¹)_FF·r: the factored inverse restricted to F, a principal submatrix of a positive definite matrix and so
     * positive definite itself, which needs no new factorization as points leave F.
     */
    private double[] precondition(double[] residual, int[] positions) {
        double[] padded = new double[factoredPoints.length];
        for (int f = 0; f < positions.length; f++) {
            padded[positions[f]] = residual[f];
        }
        double[] solved = factored.solve(padded);
        double[] result = new double[positions.length];
        for (int f = 0; f < positions.length; f++) {
            result[f] = solved[positions[f]];
        }
        return result;
    }

    /** Where each index of the ascending {@code subset} lies in the ascending {@code set}; null if one does not. */
    private static int[] positions(int[] set, int[] subset) {
        int[] positions = new int[subset.length];
        int j = 0;
        for (int f = 0; f < subset.length; f++) {
            while (j < set.length && set[j] < subset[f]) {
                j++;
            }
            if (j == set.length || set[j] != subset[f]) {
                return null;
            }
            positions[f] = j;
        }
        return positions;
    }

    private static double dot(double[] a, double[] b) {
        return RowMatrix.dot(a, 0, b, 0, a.length);
    }
}
