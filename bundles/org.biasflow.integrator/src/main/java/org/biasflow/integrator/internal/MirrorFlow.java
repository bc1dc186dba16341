package org.biasflow.integrator.internal;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.MirrorMap;
import org.biasflow.api.RunControl;
import org.biasflow.linalg.KeptGram;

/**
 * The flow in the dual variables ν ∈ ℝᴺ of a network with a {@link MirrorMap}: dν/dτ = p, s = X̃ᵀν, β = f(s),
 * du/dτ = gᵀdiag(f')g with g = X̃ᵀp. Its Jacobian is exact but for K = X̃ diag(f') X̃ᵀ in ∂p/∂ν = (ppᵀ − diag c)K,
 * which is kept between Jacobians to within {@link KeptGram#DRIFT} of each feature's term ({@link KeptGram}).
 *
 * <p>s goes to the map in two parts, X̃ᵀν̄ to twice a double's precision at an anchor ν̄ plus X̃ᵀ(ν − ν̄): for
 * depth D &gt; 2 at a small scale, β depends on the last digits of s, and s rounded to a double makes the vector
 * field noisy enough, at large u, that the Newton iterations of an implicit step stop converging. The anchor moves
 * to the current state with every Jacobian, so ν − ν̄ stays small and X̃ᵀ(ν − ν̄) accurate.
 */
final class MirrorFlow extends ReparametrizedFlow {
    /** Rows of the Jacobian take K's term only for points whose curvature is not negligible next to the largest. */
    private static final double NEGLIGIBLE_CURVATURE = 1e-18;

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
        if (!predict(y, false) || !objective.evaluate(beta, false)) {
            return Double.NaN;
        }
        System.arraycopy(objective.weights, 0, out, 0, core);
        return weightedSquare(slope, objective.direction);
    }

    @Override
    boolean jacobian(double[] y, double[][] jacobian) {
        counters.jacobians++;
        moveAnchor(y);
        double[] unused = new double[dimension()];
        if (!derivative(y, unused) || !predict(y, true) || !objective.evaluate(beta, true)) {
            return false;
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
        // φ = 1/(φ'(Δ)q) is the speed: ∇φ = −φ∇q/q, ∂φ/∂Δ = −φ·φ''/φ'
        double[] gradientOfSpeed = new double[n];
        for (int k = 0; k < n; k++) {
            gradientOfSpeed[k] = -phi * gradientOfRate[k] / q;
        }
        int gain = gainIndex();
        double bendOverSlope = clock().bendOverSlope(y[gain]);
        double speedByGain = -phi * bendOverSlope;

        double largestCurvature = 0.0;
        for (double value : c) {
            largestCurvature = Math.max(largestCurvature, value);
        }
        boolean[] curved = new boolean[n];
        for (int m = 0; m < n; m++) {
            curved[m] = c[m] > NEGLIGIBLE_CURVATURE * largestCurvature;
        }
        double[][] kernel = gram.at(slope);
        for (int m = 0; m < n; m++) {
            double[] target = jacobian[m];
            for (int k = 0; k < n; k++) {
                double value = phi * p[m] * a[k] + p[m] * gradientOfSpeed[k];
                target[k] = curved[m] ? value - phi * c[m] * kernel[m][k] : value;
            }
            target[n] = 0.0;
            target[gain] = p[m] * speedByGain;
        }
        double[] time = jacobian[n];
        for (int k = 0; k < n; k++) {
            time[k] = -z * phi * gradientOfRate[k] + (1.0 - z * q) * gradientOfSpeed[k];
        }
        time[n] = -q * phi;
        time[gain] = (1.0 - z * q) * speedByGain;
        double[] gainRow = jacobian[gain];
        java.util.Arrays.fill(gainRow, 0.0);
        gainRow[gain] = -bendOverSlope * phi * q;
        return true;
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
