package org.biasflow.analyzer.internal;

import org.biasflow.linalg.StrictFunctions;

/**
 * The potential of depth D that links the dual to the predictor: β = μ·h_D(X̃ᵀλ), with
 * h_2(s) = 2 sinh s and h_D(s) = (1−s)^{−D/(D−2)} − (1+s)^{−D/(D−2)} on (−1, 1) for D &gt; 2, and its antiderivative
 * H_D with H_D(0) = 0, the convex conjugate of q_D. The dual of min Q^D_μ(β) s.t. X̃β ≥ 1 is
 * max Σλₙ − μ Σᵢ H_D((X̃ᵀλ)ᵢ) over λ ≥ 0.
 *
 * <p>Every method returns the value already multiplied by μ, computed as exp(log μ + |s|)·(…) for D = 2 so that
 * μ = 1e-6 with |s| in the tens, or μ = 1e6 with tiny s, neither overflows nor cancels.
 */
abstract class MirrorPotential {

    static MirrorPotential of(int depth) {
        if (depth < 2) {
            throw new IllegalArgumentException("depth must be at least 2, got " + depth);
        }
        return depth == 2 ? new Hyperbolic() : new Power(depth);
    }

    /** μ·h(s). */
    abstract double map(double mu, double s);

    /** μ·h'(s). */
    abstract double slope(double mu, double s);

    /** μ·H(s), or +∞ outside the domain. */
    abstract double potential(double mu, double s);

    private static final class Hyperbolic extends MirrorPotential {
        @Override
        double map(double mu, double s) {
            double a = Math.abs(s);
            return Math.copySign(Math.exp(Math.log(mu) + a) * -StrictFunctions.expm1(-2 * a), s);
        }

        @Override
        double slope(double mu, double s) {
            double a = Math.abs(s);
            return Math.exp(Math.log(mu) + a) * (1 + Math.exp(-2 * a));
        }

        @Override
        double potential(double mu, double s) {
            // 2μ(cosh s − 1) = μ e^{|s|} (1 − e^{−|s|})², free of cancellation for small s.
            double a = Math.abs(s);
            double factor = -StrictFunctions.expm1(-a);
            return Math.exp(Math.log(mu) + a) * factor * factor;
        }
    }

    private static final class Power extends MirrorPotential {
        private final double exponent;
        private final double halfGap;

        Power(int depth) {
            exponent = depth / (depth - 2.0);
            halfGap = (depth - 2) / 2.0;
        }

        @Override
        double map(double mu, double s) {
            // (1+s)^{−a}·(e^{2a·atanh s} − 1): the difference of two powers near 1 cancels for the tiny s of large μ,
            // which held the dual's residual at 1e-10 and its Newton iterations at their cap.
            double atanh = 0.5 * (StrictFunctions.log1p(s) - StrictFunctions.log1p(-s));
            return mu * Math.exp(-exponent * StrictFunctions.log1p(s)) * StrictFunctions.expm1(2 * exponent * atanh);
        }

        @Override
        double slope(double mu, double s) {
            return mu * exponent * (Math.pow(1 - s, -exponent - 1) + Math.pow(1 + s, -exponent - 1));
        }

        @Override
        double potential(double mu, double s) {
            if (!(Math.abs(s) < 1)) {
                return Double.POSITIVE_INFINITY;
            }
            // With x = −b·ln(1−s), y = −b·ln(1+s): e^x + e^y − 2 = expm1(x + y) − expm1(x)·expm1(y), two terms of
            // order s² that are both non-negative, where the direct sum loses everything to cancellation.
            double inner = 1 / halfGap;
            double x = -inner * StrictFunctions.log1p(-s);
            double y = -inner * StrictFunctions.log1p(s);
            return mu * halfGap * (StrictFunctions.expm1(-inner * StrictFunctions.log1p(-s * s))
                    - StrictFunctions.expm1(x) * StrictFunctions.expm1(y));
        }
    }
}
