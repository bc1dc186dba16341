package org.biasflow.analyzer.internal;

import org.biasflow.analyzer.Certificate;
import org.biasflow.analyzer.Prediction;

/**
 * The minimizer of Q^D_μ(β) subject to X̃β ≥ 1, through its dual max Σλ − μΣH_D(X̃ᵀλ) over λ ≥ 0 solved by
 * projected Newton, its steps by conjugate gradients ({@link NewtonSteps}). Small μ is reached by continuation: μ is
 * lowered from a value where the problem is nearly quadratic by factors of {@value #CONTINUATION_FACTOR}, each solve
 * starting from the previous dual.
 *
 * <p>An initialization shape u (w₊(0) = w₋(0) = αu) gives each coordinate its own scale μᵢ = μcᵢ, cᵢ ∝ uᵢ^D, and
 * its own gain gᵢ = cᵢ^{(D−2)/D} ∝ uᵢ^{D−2}: the flow's β/γ is μcᵢ·h_D(gᵢ(X̃ᵀν)ᵢ) up to a common factor of ν
 * (for D = 2, βᵢ = 2α²uᵢ² sinh(4(X̃ᵀν)ᵢ), so g = 1), which makes it the minimizer of
 * Q = Σᵢ (μcᵢ/gᵢ)·q_D(βᵢ/(μcᵢ)) over X̃β ≥ 1, with dual max Σλ − Σᵢ (μcᵢ/gᵢ)·H_D(gᵢ(X̃ᵀλ)ᵢ) and
 * βᵢ = μcᵢ·h_D(gᵢ(X̃ᵀλ)ᵢ).
 *
 * <p>An unbalanced initialization of depth 2, w₊(0) = αu₊ ≠ w₋(0) = αu₋, gives βᵢ = 2α²u₊ᵢu₋ᵢ sinh(4sᵢ + δᵢ) with
 * the offset δᵢ = ln(u₊ᵢ/u₋ᵢ) and cᵢ ∝ u₊ᵢu₋ᵢ: Q gains the linear term −Σᵢ δᵢβᵢ, the dual reads H_D(gᵢ(X̃ᵀλ)ᵢ + δᵢ)
 * and β = μc ⊙ h_D(g ⊙ X̃ᵀλ + δ).
 */
final class IntermediateSolver {
    static final double CONTINUATION_FACTOR = 10;
    private static final double NEWTON_TOLERANCE = 1e-12;
    /**
     * The residual to which the continuation's intermediate values of μ are solved: each only starts the next, and
     * the last is solved to {@link #NEWTON_TOLERANCE} whatever its start.
     */
    private static final double CONTINUATION_TOLERANCE = 1e-3;
    private static final int NEWTON_ITERATIONS = 200;

    private final DataScale scale;
    private final SignedData data;
    private final int depth;
    private final MirrorPotential potential;
    private final double[] coordinateScales;
    private final double[] gains;
    private final double[] offsets;
    /**
     * Kept from solve to solve: a run's checkpoints solve at values of μ a few times apart, where the last Hessian
     * still preconditions the next (N = 1000, d = 10000: the three solves of a run in 2.0 s instead of 3.1 s). Solves
     * are serialized on it.
     */
    private final NewtonSteps steps;

    /** The balanced uniform shape: every cᵢ = 1, every δᵢ = 0. */
    IntermediateSolver(DataScale scale, int depth) {
        this(scale, depth, filled(scale.data.dimension, 1.0), filled(scale.data.dimension, 0.0));
    }

    /**
     * @param coordinateScales cᵢ &gt; 0 for each coordinate
     * @param offsets δᵢ for each coordinate: 0 for a balanced initialization
     */
    IntermediateSolver(DataScale scale, int depth, double[] coordinateScales, double[] offsets) {
        this.scale = scale;
        this.data = scale.data;
        this.depth = depth;
        this.potential = MirrorPotential.of(depth);
        this.coordinateScales = coordinateScales.clone();
        this.offsets = offsets.clone();
        this.steps = new NewtonSteps(data);
        this.gains = new double[coordinateScales.length];
        for (int i = 0; i < gains.length; i++) {
            gains[i] = Math.pow(coordinateScales[i], (depth - 2.0) / depth);
        }
    }

    private static double[] filled(int dimension, double value) {
        double[] values = new double[dimension];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /** Solves at μ from scratch, by continuation when μ is small. */
    Prediction solve(double mu) {
        return solve(mu, null, Double.NaN);
    }

    /**
     * Solves at μ starting from the dual of an earlier solve at μ₀ (or from λ = 0 when {@code warmDual} is null),
     * passing through intermediate values of μ when μ is much smaller than μ₀.
     */
    synchronized Prediction solve(double mu, double[] warmDual, double warmMu) {
        if (!(mu > 0) || !Double.isFinite(mu)) {
            throw new IllegalArgumentException("mu must be positive and finite, got " + mu);
        }
        double scaledMu = scale.scaledMu(mu);
        if (!(scaledMu > 0) || !Double.isFinite(scaledMu)) {
            throw new IllegalArgumentException("mu " + mu + " is out of range for data whose entries reach "
                    + data.largestEntry() / scale.factor + ": mu relative to them is " + scaledMu);
        }
        double[] lambda = warmDual == null ? new double[data.size] : scale.scaledDual(warmDual).clone();
        double current = warmDual == null ? Math.max(scaledMu, 1.0) : Math.max(scaledMu, scale.scaledMu(warmMu));
        while (true) {
            lambda = minimize(current, lambda, current == scaledMu ? NEWTON_TOLERANCE : CONTINUATION_TOLERANCE);
            if (current == scaledMu) {
                break;
            }
            current = Math.max(scaledMu, current / CONTINUATION_FACTOR);
        }
        double[] beta = predictor(scaledMu, lambda);
        return scale.unscale(new Prediction(scaledMu, depth, beta, lambda, certificate(beta, lambda)), mu);
    }

    private double[] minimize(double mu, double[] start, double tolerance) {
        Scores scores = new Scores();
        BoundedNewton.Objective dual = new BoundedNewton.Objective() {
            @Override
            public double value(double[] lambda) {
                double[] s = scores.at(lambda);
                double sum = 0;
                for (int i = 0; i < s.length; i++) {
                    sum += potential.potential(mu * coordinateScales[i] / gains[i], gains[i] * s[i] + offsets[i]);
                }
                for (double l : lambda) {
                    sum -= l;
                }
                return sum;
            }

            @Override
            public double[] gradient(double[] lambda) {
                double[] margins = data.margins(predictorAt(mu, scores.at(lambda)));
                for (int n = 0; n < margins.length; n++) {
                    margins[n] -= 1;
                }
                return margins;
            }

            @Override
            public double[] newtonStep(double[] lambda, int[] free, double[] rhs) {
                double[] s = scores.at(lambda);
                double[] weights = new double[s.length];
                for (int i = 0; i < s.length; i++) {
                    weights[i] = potential.slope(mu * coordinateScales[i] * gains[i], gains[i] * s[i] + offsets[i]);
                }
                return steps.solve(weights, free, rhs);
            }
        };
        try {
            return BoundedNewton.minimize(dual, start, tolerance, NEWTON_ITERATIONS).lambda();
        } catch (BoundedNewton.Unbounded e) {
            throw Separability.notSeparable();
        }
    }

    /**
     * X̃ᵀλ at the last λ asked for, a pass over the data kept: Newton asks for it two or three times at each point
     * (the value at a trial point, then the gradient there, then the next step from it).
     */
    private final class Scores {
        private double[] lambda;
        private double[] scores;

        /** Not to be changed by the caller. */
        double[] at(double[] point) {
            if (lambda == null || !java.util.Arrays.equals(lambda, point)) {
                lambda = point.clone();
                scores = data.transposeTimes(point);
            }
            return scores;
        }
    }

    private double[] predictor(double mu, double[] lambda) {
        return predictorAt(mu, data.transposeTimes(lambda));
    }

    /** β = μh(s), coordinate by coordinate, at s = X̃ᵀλ. */
    private double[] predictorAt(double mu, double[] s) {
        double[] beta = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            beta[i] = potential.map(mu * coordinateScales[i], gains[i] * s[i] + offsets[i]);
        }
        return beta;
    }

    /** Stationarity holds by construction (β = μh(X̃ᵀλ)), so the complementarity gap is the whole duality gap. */
    private Certificate certificate(double[] beta, double[] lambda) {
        double[] margins = data.margins(beta);
        return new Certificate(Certificates.primalInfeasibility(margins), Certificates.negativePart(lambda),
                Certificates.complementarityGap(lambda, margins), Certificate.DEFAULT_TOLERANCE);
    }
}
