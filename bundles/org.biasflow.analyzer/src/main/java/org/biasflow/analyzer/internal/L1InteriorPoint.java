package org.biasflow.analyzer.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.biasflow.linalg.Cholesky;
import org.biasflow.linalg.RowMatrix;

/**
 * An approximate solution of min ‖β‖₁ s.t. X̃β ≥ 1 and of its dual max Σλ s.t. ‖X̃ᵀλ‖_∞ ≤ 1, λ ≥ 0, accurate
 * enough to tell the support of β and the points with λ &gt; 0 apart from the rest, for an exact polish.
 *
 * <p>Mehrotra's predictor-corrector interior-point method on β = p − q, whose Newton systems are N × N:
 * X̃_F diag(p/z_p + q/z_q) X̃_Fᵀ + diag(w/λ) over a working set F of features. F grows by pricing: a feature enters
 * when |(X̃ᵀλ)ᵢ| exceeds 1 and leaves when it is far from tight, so only the features that can be in the support are
 * multiplied out.
 */
final class L1InteriorPoint {
    private static final double TOLERANCE = 1e-9;
    private static final double PRICING_ACCURACY = 1e-4;
    private static final int ITERATIONS = 80;
    private static final double STEP_FRACTION = 0.995;
    private static final double WARM_FLOOR = 1e-3;
    /**
     * Features whose dual slack 1 − |(X̃ᵀλ)ᵢ| exceeds this at a pricing leave the working set: most of those that
     * enter are never in the support, and each costs N²/2 multiply-adds per iteration. Pricing brings back any that
     * are needed.
     */
    private static final double DROP_SLACK = 0.3;
    /**
     * Pricing rounds after which the estimate is abandoned to the simplex: features that leave the working set may
     * come back, and nothing else rules out a cycle.
     */
    private static final int PRICING_ROUNDS = 200;
    /** Σλ beyond this means the margin constraints have no solution: the dual is unbounded. */
    private static final double UNBOUNDED_DUAL = 1e10;

    /** β over all features and λ over all points. */
    record Estimate(double[] beta, double[] dual) {
    }

    private L1InteriorPoint() {
    }

    /**
     * The estimate, or null when the method did not converge within its iteration and pricing bounds (or the data
     * look non-separable). Each working set
     * is solved only to {@value #PRICING_ACCURACY}, enough to price the features outside it; the last one is then
     * driven on from where it stands to {@value #TOLERANCE}.
     */
    static Estimate solve(SignedData data) {
        int[] working = initialWorkingSet(data);
        Restricted restricted = new Restricted(data, working);
        double accuracy = PRICING_ACCURACY;
        for (int round = 0; round < PRICING_ROUNDS; round++) {
            if (!restricted.converge(accuracy)) {
                return null;
            }
            double[] scores = data.transposeTimes(restricted.lambda);
            int[] entering = entering(scores, working);
            if (entering.length == 0) {
                if (accuracy == TOLERANCE) {
                    return restricted.estimate();
                }
                accuracy = TOLERANCE;
            }
            int[] next = IntStream.concat(Arrays.stream(working).filter(i -> Math.abs(scores[i]) >= 1 - DROP_SLACK),
                    Arrays.stream(entering)).sorted().toArray();
            if (!Arrays.equals(next, working)) {
                working = next;
                restricted = new Restricted(restricted, working);
            }
        }
        return null;
    }

    /** The N features with the largest |Σₙ x̃ₙᵢ|, which a predictor with all margins positive tends to use. */
    static int[] initialWorkingSet(SignedData data) {
        double[] ones = new double[data.size];
        Arrays.fill(ones, 1);
        return largest(data.transposeTimes(ones), new boolean[data.dimension], Math.max(data.size, 20));
    }

    /** Every feature outside the working set whose dual constraint |(X̃ᵀλ)ᵢ| ≤ 1 is violated. */
    private static int[] entering(double[] scores, int[] working) {
        boolean[] excluded = new boolean[scores.length];
        for (int i : working) {
            excluded[i] = true;
        }
        for (int i = 0; i < scores.length; i++) {
            excluded[i] |= Math.abs(scores[i]) <= 1;
        }
        return largest(scores, excluded, scores.length);
    }

    private static int[] largest(double[] scores, boolean[] excluded, int count) {
        return IntStream.range(0, scores.length).filter(i -> !excluded[i]).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -Math.abs(scores[i]))).limit(count)
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The primal-dual iterate of the LP over one working set of features, β = p − q indexed like them. */
    private static final class Restricted {
        private final SignedData data;
        private final int[] features;
        /** X̃_F, the columns of the working set, copied once for its products. */
        private final RowMatrix block;
        private final double[] p;
        private final double[] q;
        private final double[] zp;
        private final double[] zq;
        private final double[] lambda;
        private final double[] w;
        private final double[] weights;

        Restricted(SignedData data, int[] features) {
            this.data = data;
            this.features = features;
            int n = data.size;
            int m = features.length;
            block = data.columns(features);
            p = filled(m, 1);
            q = filled(m, 1);
            zp = filled(m, 1);
            zq = filled(m, 1);
            lambda = filled(n, 1);
            w = filled(n, 1);
            weights = new double[m];
        }

        /**
         * The iterate over a larger working set, continuing from {@code previous}: every value is lifted to at least
         * {@value #WARM_FLOOR} so that the entering features, started at p = q = {@value #WARM_FLOOR}, z = 1, do not
         * meet an iterate already pressed against the boundary.
         */
        Restricted(Restricted previous, int[] features) {
            this(previous.data, features);
            int[] position = new int[data.dimension];
            Arrays.fill(position, -1);
            for (int j = 0; j < previous.features.length; j++) {
                position[previous.features[j]] = j;
            }
            for (int j = 0; j < features.length; j++) {
                int old = position[features[j]];
                p[j] = old < 0 ? WARM_FLOOR : Math.max(WARM_FLOOR, previous.p[old]);
                q[j] = old < 0 ? WARM_FLOOR : Math.max(WARM_FLOOR, previous.q[old]);
                zp[j] = old < 0 ? 1 : Math.max(WARM_FLOOR, previous.zp[old]);
                zq[j] = old < 0 ? 1 : Math.max(WARM_FLOOR, previous.zq[old]);
            }
            for (int k = 0; k < data.size; k++) {
                lambda[k] = Math.max(WARM_FLOOR, previous.lambda[k]);
                w[k] = Math.max(WARM_FLOOR, previous.w[k]);
            }
        }

        Estimate estimate() {
            double[] beta = new double[data.dimension];
            for (int j = 0; j < features.length; j++) {
                beta[features[j]] = p[j] - q[j];
            }
            return new Estimate(beta, lambda.clone());
        }

        /**
         * Iterates until the primal and dual residuals and the gap relative to 1 + ‖β‖₁ are within {@code accuracy};
         * false when that takes more than {@value #ITERATIONS} iterations, the dual grows without bound, or the
         * normal equations cannot be factored (an iterate overflowed).
         */
        boolean converge(double accuracy) {
            try {
                return iterate(accuracy);
            } catch (ArithmeticException e) {
                return false;
            }
        }

        private boolean iterate(double accuracy) {
            int n = data.size;
            int m = features.length;
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                L1MaxMarginSolver.stopIfInterrupted();
                double[] scores = new double[m];
                block.multiplyTransposed(lambda, scores);
                double[] rdp = new double[m];
                double[] rdq = new double[m];
                double[] beta = new double[m];
                double primalObjective = 0;
                double complementarity = 0;
                for (int j = 0; j < m; j++) {
                    rdp[j] = 1 - scores[j] - zp[j];
                    rdq[j] = 1 + scores[j] - zq[j];
                    beta[j] = p[j] - q[j];
                    primalObjective += p[j] + q[j];
                    complementarity += p[j] * zp[j] + q[j] * zq[j];
                }
                double[] margins = new double[n];
                block.multiply(beta, margins);
                double[] rp = new double[n];
                double dualObjective = 0;
                for (int k = 0; k < n; k++) {
                    rp[k] = 1 - margins[k] + w[k];
                    dualObjective += lambda[k];
                    complementarity += w[k] * lambda[k];
                }
                if (dualObjective > UNBOUNDED_DUAL) {
                    return false;
                }
                double scale = 1 + primalObjective;
                if (Vectors.largest(rp) <= accuracy && Math.max(Vectors.largest(rdp), Vectors.largest(rdq)) <= accuracy
                        && Math.abs(primalObjective - dualObjective) <= accuracy * scale) {
                    return true;
                }
                double mu = complementarity / (2 * m + n);
                for (int j = 0; j < m; j++) {
                    weights[j] = p[j] / zp[j] + q[j] / zq[j];
                }
                double[][] normal = block.weightedGram(weights);
                for (int k = 0; k < n; k++) {
                    normal[k][k] += w[k] / lambda[k];
                }
                Cholesky factor = DenseCholesky.factorRegularized(normal);
                Newton newton = new Newton(block, factor, p, q, zp, zq, lambda, w, rp, rdp, rdq);

                Direction affine = newton.direction(times(p, zp, -1), times(q, zq, -1), times(w, lambda, -1));
                double primalStep = Math.min(1, Math.min(boundaryStep(p, affine.dp), Math.min(boundaryStep(q, affine.dq),
                        boundaryStep(w, affine.dw))));
                double dualStep = Math.min(1, Math.min(boundaryStep(zp, affine.dzp),
                        Math.min(boundaryStep(zq, affine.dzq), boundaryStep(lambda, affine.dlambda))));
                double affineComplementarity = 0;
                for (int j = 0; j < m; j++) {
                    affineComplementarity += (p[j] + primalStep * affine.dp[j]) * (zp[j] + dualStep * affine.dzp[j])
                            + (q[j] + primalStep * affine.dq[j]) * (zq[j] + dualStep * affine.dzq[j]);
                }
                for (int k = 0; k < n; k++) {
                    affineComplementarity += (w[k] + primalStep * affine.dw[k])
                            * (lambda[k] + dualStep * affine.dlambda[k]);
                }
                double sigma = Math.pow(affineComplementarity / (2 * m + n) / mu, 3);
                double target = sigma * mu;
                double[] rxp = new double[m];
                double[] rxq = new double[m];
                for (int j = 0; j < m; j++) {
                    rxp[j] = target - p[j] * zp[j] - affine.dp[j] * affine.dzp[j];
                    rxq[j] = target - q[j] * zq[j] - affine.dq[j] * affine.dzq[j];
                }
                double[] rwl = new double[n];
                for (int k = 0; k < n; k++) {
                    rwl[k] = target - w[k] * lambda[k] - affine.dw[k] * affine.dlambda[k];
                }
                Direction step = newton.direction(rxp, rxq, rwl);
                primalStep = Math.min(1, STEP_FRACTION * Math.min(boundaryStep(p, step.dp),
                        Math.min(boundaryStep(q, step.dq), boundaryStep(w, step.dw))));
                dualStep = Math.min(1, STEP_FRACTION * Math.min(boundaryStep(zp, step.dzp),
                        Math.min(boundaryStep(zq, step.dzq), boundaryStep(lambda, step.dlambda))));
                advance(p, step.dp, primalStep);
                advance(q, step.dq, primalStep);
                advance(w, step.dw, primalStep);
                advance(zp, step.dzp, dualStep);
                advance(zq, step.dzq, dualStep);
                advance(lambda, step.dlambda, dualStep);
            }
            return false;
        }
    }

    private record Direction(double[] dp, double[] dq, double[] dw, double[] dzp, double[] dzq, double[] dlambda) {
    }

    /** The Newton system at one iterate, eliminated down to the factored N × N normal equations in dλ. */
    private record Newton(RowMatrix block, Cholesky factor, double[] p, double[] q,
            double[] zp, double[] zq, double[] lambda, double[] w, double[] rp, double[] rdp, double[] rdq) {

        /** The step for complementarity right-hand sides r_p∘z_p, r_q∘z_q and r_w∘λ. */
        Direction direction(double[] rxp, double[] rxq, double[] rwl) {
            int m = p.length;
            int n = lambda.length;
            double[] eliminated = new double[m];
            for (int j = 0; j < m; j++) {
                eliminated[j] = (rxp[j] - p[j] * rdp[j]) / zp[j] - (rxq[j] - q[j] * rdq[j]) / zq[j];
            }
            double[] image = new double[n];
            block.multiply(eliminated, image);
            double[] rhs = new double[n];
            for (int k = 0; k < n; k++) {
                rhs[k] = rp[k] - image[k] + rwl[k] / lambda[k];
            }
            double[] dlambda = factor.solve(rhs);
            double[] u = new double[m];
            block.multiplyTransposed(dlambda, u);
            double[] dzp = new double[m];
            double[] dzq = new double[m];
            double[] dp = new double[m];
            double[] dq = new double[m];
            for (int j = 0; j < m; j++) {
                dzp[j] = rdp[j] - u[j];
                dzq[j] = rdq[j] + u[j];
                dp[j] = (rxp[j] - p[j] * dzp[j]) / zp[j];
                dq[j] = (rxq[j] - q[j] * dzq[j]) / zq[j];
            }
            double[] dw = new double[n];
            for (int k = 0; k < n; k++) {
                dw[k] = (rwl[k] - w[k] * dlambda[k]) / lambda[k];
            }
            return new Direction(dp, dq, dw, dzp, dzq, dlambda);
        }
    }

    /** The largest t with v + t·dv ≥ 0. */
    private static double boundaryStep(double[] v, double[] dv) {
        double step = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            if (dv[i] < 0) {
                step = Math.min(step, -v[i] / dv[i]);
            }
        }
        return step;
    }

    private static void advance(double[] v, double[] dv, double step) {
        for (int i = 0; i < v.length; i++) {
            v[i] += step * dv[i];
        }
    }

    private static double[] times(double[] a, double[] b, double factor) {
        double[] product = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            product[i] = factor * a[i] * b[i];
        }
        return product;
    }

    private static double[] filled(int length, double value) {
        double[] vector = new double[length];
        Arrays.fill(vector, value);
        return vector;
    }
}
