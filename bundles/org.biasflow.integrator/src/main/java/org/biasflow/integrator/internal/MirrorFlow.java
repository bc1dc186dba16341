package org.biasflow.integrator.internal;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.MirrorMap;
import org.biasflow.api.RunControl;
import org.biasflow.linalg.KeptGram;
import org.biasflow.linalg.RowMatrix;

/**
 * The flow in the dual variables ν ∈ ℝᴺ of a network with a {@link MirrorMap}: dν/dτ = p, s = X̃ᵀν, β = f(s),
 * du/dτ = gᵀdiag(f')g with g = X̃ᵀp. Its Jacobian is exact but for K = X̃ diag(f') X̃ᵀ in ∂p/∂ν = (ppᵀ − diag c)K,
 * which is kept between Jacobians to within {@link KeptGram#DRIFT} of each feature's term ({@link KeptGram}), and for
 * the rows of points that carry negligible weight, left out ({@link #linearize}).
 *
 * <p>s goes to the map in two parts, X̃ᵀν̄ to twice a double's precision at an anchor ν̄ plus X̃ᵀ(ν − ν̄): for
 * depth D &gt; 2 at a small scale, β depends on the last digits of s, and s rounded to a double makes the vector
 * field noisy enough, at large u, that the Newton iterations of an implicit step stop converging. The anchor moves
 * to the current state with every Jacobian, so ν − ν̄ stays small and X̃ᵀ(ν − ν̄) accurate.
 */
final class MirrorFlow extends ReparametrizedFlow {
    /**
     * Points whose weight and curvature are below this fraction of the largest are left out of the Newton systems:
     * their rows of the Jacobian are as small next to the others, and their ν has stopped moving.
     */
    private static final double NEGLIGIBLE = 1e-18;

    private final MirrorMap mirror;
    private final int parameterCount;
    private final double[] s;
    private final double[] anchor;
    private final double[] anchorHigh;
    private final double[] anchorLow;
    private final double[] offset;
    private final double[] lowPart;
    private final double[] beta;
    private final double[] slope;
    private final double[] bend;
    private final KeptGram gram;
    /** Whether {@link #field} also computes f'' and the loss's curvature, which a linearization needs. */
    private boolean linearizing;

    /** @param skipDeadRows whether margins of points whose weight is certified to stay zero are left out */
    MirrorFlow(MirrorMap mirror, int parameterCount, Objective objective, Counters counters, boolean skipDeadRows) {
        super(objective, counters, objective.size);
        if (skipDeadRows) {
            objective.skipDeadRows();
        }
        this.mirror = mirror;
        this.parameterCount = parameterCount;
        int d = objective.dimension;
        s = new double[d];
        anchor = new double[objective.size];
        anchorHigh = new double[d];
        anchorLow = new double[d];
        offset = new double[objective.size];
        lowPart = new double[d];
        beta = new double[d];
        slope = new double[d];
        bend = new double[d];
        gram = new KeptGram(objective.features);
    }

    @Override
    double[] initialState() {
        return new double[dimension()];
    }

    /** β, f' and (when asked) f'' at s = X̃ᵀν; false outside the mirror map's domain. */
    private boolean predict(double[] y, boolean withBend) {
        return predict(y, beta, slope, withBend ? bend : null);
    }

    private boolean predict(double[] y, double[] predictor, double[] predictorSlope, double[] predictorBend) {
        for (int n = 0; n < core; n++) {
            offset[n] = y[n] - anchor[n];
        }
        objective.features.multiplyTransposed(offset, lowPart);
        for (int i = 0; i < lowPart.length; i++) {
            lowPart[i] += anchorLow[i];
        }
        if (!mirror.predictor(anchorHigh, lowPart, predictor, predictorSlope, predictorBend)) {
            return fail("the predictor left the domain of the mirror map");
        }
        return true;
    }

    @Override
    double field(double[] y, double[] out) {
        if (!predict(y, linearizing) || !objective.evaluate(beta, linearizing)) {
            return Double.NaN;
        }
        System.arraycopy(objective.weights, 0, out, 0, core);
        return weightedSquare(slope, objective.direction);
    }

    /** The Newton systems over the points that carry weight ({@link ActiveNewtonSystem}). */
    @Override
    NewtonSystem newtonSystem() {
        return new ActiveNewtonSystem(this);
    }

    /**
     * The Jacobian the Newton systems use ({@link #linearize}), as a dense matrix: a product with X̃ for each inactive
     * point, for tests.
     */
    @Override
    boolean jacobian(double[] y, double[][] jacobian) {
        Linearization linear = linearize(y);
        if (linear == null) {
            return false;
        }
        int n = core;
        for (double[] row : jacobian) {
            java.util.Arrays.fill(row, 0.0);
        }
        int[] active = linear.active();
        int size = active.length;
        for (int a = 0; a < size; a++) {
            double[] target = jacobian[active[a]];
            for (int k = 0; k < n; k++) {
                target[k] = linear.weights()[a] * linear.columns()[k];
            }
        }
        for (int k = 0; k < n; k++) {
            if (java.util.Arrays.binarySearch(active, k) < 0) {
                double[] kernelColumn = linear.kernelColumn(objective.features, k);
                for (int a = 0; a < size; a++) {
                    jacobian[active[a]][k] -= linear.curvatures()[a] * kernelColumn[a];
                }
            }
        }
        System.arraycopy(linear.timeRow(), 0, jacobian[n], 0, n);
        int[] positions = java.util.Arrays.copyOf(active, size + 2);
        positions[size] = n;
        positions[size + 1] = n + 1;
        for (int a = 0; a < size + 2; a++) {
            for (int b = 0; b < size + 2; b++) {
                jacobian[positions[a]][positions[b]] = linear.block()[a][b];
            }
        }
        return true;
    }

    /**
     * The Jacobian at y as its Newton systems need it, counting one Jacobian; null when the flow cannot be evaluated
     * at y.
     *
     * <p>Rows of points whose weight and curvature are negligible next to the largest are left out: late in a flow
     * they are half the points or more, and their ν no longer moves. K is formed over the active points alone; the
     * others' columns of it are applied as products with X̃, when their unknowns are not zero.
     */
    Linearization linearize(double[] y) {
        counters.jacobians++;
        moveAnchor(y);
        double[] unused = new double[dimension()];
        linearizing = true;
        try {
            if (!derivative(y, unused)) {
                return null;
            }
        } finally {
            linearizing = false;
        }
        int n = core;
        int d = objective.dimension;
        double[] p = objective.weights;
        double[] c = objective.curvature;
        double[] g = objective.direction;
        double q = rate();
        double phi = speed();
        double z = y[n];

        // a = Kp = ∇u
        double[] scaled = new double[d];
        for (int i = 0; i < d; i++) {
            scaled[i] = slope[i] * g[i];
        }
        double[] a = new double[n];
        objective.features.multiply(scaled, a);
        // ∇q = 2K(p(pᵀa) − c⊙a) + X̃(g² ⊙ f'')
        double pa = 0.0;
        for (int k = 0; k < n; k++) {
            pa += p[k] * a[k];
        }
        double[] b = new double[n];
        for (int k = 0; k < n; k++) {
            b[k] = p[k] * pa - c[k] * a[k];
        }
        double[] gradientOfRate = new double[n];
        double[] transposed = new double[d];
        objective.features.multiplyTransposed(b, transposed);
        for (int i = 0; i < d; i++) {
            transposed[i] = 2 * slope[i] * transposed[i] + g[i] * g[i] * bend[i];
        }
        objective.features.multiply(transposed, gradientOfRate);
        double spread = 0.0;
        for (int k = 0; k < n; k++) {
            spread += Math.abs(gradientOfRate[k]) * Math.ulp(y[k]);
        }
        rateNoise(spread / q);
        // φ = 1/(φ'(Δ)q) is the speed: ∇φ = −φ∇q/q, ∂φ/∂Δ = −φ·φ''/φ'; row m of ∂(dν/dρ)/∂ν is pₘ(φa + ∇φ) − φcₘKₘ
        double[] columns = new double[n];
        double[] timeRow = new double[n];
        for (int k = 0; k < n; k++) {
            double gradientOfSpeed = -phi * gradientOfRate[k] / q;
            columns[k] = phi * a[k] + gradientOfSpeed;
            timeRow[k] = -z * phi * gradientOfRate[k] + (1.0 - z * q) * gradientOfSpeed;
        }
        double bendOverSlope = clock().bendOverSlope(y[gainIndex()]);
        double speedByGain = -phi * bendOverSlope;

        int[] active = active(p, c);
        int size = active.length;
        double[][] kernel = gram.at(slope, active);
        double[][] block = new double[size + 2][size + 2];
        double[] weights = new double[size];
        double[] curvatures = new double[size];
        for (int r = 0; r < size; r++) {
            int m = active[r];
            weights[r] = p[m];
            curvatures[r] = phi * c[m];
            double[] target = block[r];
            double[] kernelRow = kernel[r];
            for (int s = 0; s < size; s++) {
                target[s] = p[m] * columns[active[s]] - phi * c[m] * kernelRow[s];
            }
            target[size + 1] = p[m] * speedByGain;
        }
        double[] time = block[size];
        for (int s = 0; s < size; s++) {
            time[s] = timeRow[active[s]];
        }
        time[size] = -q * phi;
        time[size + 1] = (1.0 - z * q) * speedByGain;
        block[size + 1][size + 1] = -bendOverSlope * phi * q;
        return new Linearization(active, block, weights, columns, timeRow, curvatures, slope.clone());
    }

    /** The points whose weight or curvature is not negligible next to the largest, ascending. */
    private int[] active(double[] p, double[] c) {
        double largestWeight = 0.0;
        double largestCurvature = 0.0;
        for (int m = 0; m < core; m++) {
            largestWeight = Math.max(largestWeight, p[m]);
            largestCurvature = Math.max(largestCurvature, c[m]);
        }
        int[] active = new int[core];
        int size = 0;
        for (int m = 0; m < core; m++) {
            if (p[m] > NEGLIGIBLE * largestWeight || c[m] > NEGLIGIBLE * largestCurvature) {
                active[size++] = m;
            }
        }
        return java.util.Arrays.copyOf(active, size);
    }

    /**
     * The Jacobian of dy/dρ over the active points: {@code block} over ν of the {@code active} points, then z and Δ.
     * Rows of the other points are zero. Column k of another point enters row a of the block as
     * weights[a]·columns[k] − curvatures[a]·Kₐₖ, with K = X̃ diag(slope) X̃ᵀ, and the row of z as timeRow[k].
     */
    record Linearization(int[] active, double[][] block, double[] weights, double[] columns, double[] timeRow,
            double[] curvatures, double[] slope) {

        /** Column k of K over the active points a, Kₐₖ = x̃ₐ diag(slope) x̃ₖᵀ: a product with X̃ in their rows. */
        double[] kernelColumn(RowMatrix features, int k) {
            double[] scaled = new double[features.columns()];
            features.row(k, scaled);
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= slope[i];
            }
            double[] result = new double[active.length];
            features.multiplyRows(scaled, active, result);
            return result;
        }
    }

    /**
     * Every νₙ's error relative to the largest |νₖ|, not to |νₙ|: an error in ν reaches β only through s = X̃ᵀν, where
     * an error δ in νₙ moves s by δ·x̃ₙ however small νₙ is. Relative to |νₙ| each point with a small νₙ (one fitted
     * early, whose weight then vanished) was held to a far smaller error than the others, and set the steps: at
     * N = 1000, d = 10000 to 1e-10000 that took 15–27 % more evaluations, for β directions within 1.3·10⁻⁹ of these.
     */
    @Override
    void coreErrorScale(double[] y, double relative, double absolute, double[] scale) {
        double largest = 0.0;
        for (int n = 0; n < core; n++) {
            largest = Math.max(largest, Math.abs(y[n]));
        }
        java.util.Arrays.fill(scale, 0, core, absolute + relative * largest);
    }

    /** ν̄ = ν and X̃ᵀν̄ as an unevaluated sum of two doubles. */
    private void moveAnchor(double[] y) {
        System.arraycopy(y, 0, anchor, 0, core);
        objective.features.multiplyTransposedTwice(anchor, anchorHigh, anchorLow);
    }

    @Override
    double[] beta(double[] y) {
        double[] result = new double[objective.dimension];
        predict(y, result, null, null);
        return result;
    }

    /** The core of the state is ν itself. */
    @Override
    void report(RunControl control, Checkpoint checkpoint, double[] y) {
        control.checkpoint(checkpoint, java.util.Arrays.copyOf(y, core));
    }

    @Override
    double[] parameters(double[] y) {
        objective.features.multiplyTransposed(y, s);
        double[] w = new double[parameterCount];
        mirror.parameters(s, w);
        return w;
    }

    private static double weightedSquare(double[] weights, double[] v) {
        double sum = 0.0;
        for (int i = 0; i < v.length; i++) {
            sum += weights[i] * v[i] * v[i];
        }
        return sum;
    }
}
