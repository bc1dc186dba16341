package org.biasflow.integrator.internal;

import org.biasflow.api.DataSet;
import org.biasflow.api.Loss;

/**
 * The training loss as a function of β, with scratch space for one run: margins m = X̃β, weights p, curvature c
 * and the descent direction g = X̃ᵀp. Rows whose weight underflowed to zero are skipped, which late in a flow is
 * most of them.
 */
final class Objective {
    final int size;
    final int dimension;
    final double[] features;
    final double[] margins;
    final double[] weights;
    final double[] curvature;
    final double[] direction;
    private final Loss loss;
    private final double largestRowNorm;
    private double logLoss;
    private String problem = "";

    Objective(DataSet data, Loss loss) {
        this.size = data.size();
        this.dimension = data.dimension();
        this.features = data.signedFeatures();
        this.loss = loss;
        margins = new double[size];
        weights = new double[size];
        curvature = new double[size];
        direction = new double[dimension];
        double largest = 0.0;
        for (int n = 0; n < size; n++) {
            double sum = 0.0;
            for (int i = n * dimension; i < (n + 1) * dimension; i++) {
                sum += features[i] * features[i];
            }
            largest = Math.max(largest, Math.sqrt(sum));
        }
        largestRowNorm = largest;
    }

    /**
     * Evaluates the loss at β, filling margins, weights, the curvature when asked, and the direction.
     *
     * @return false when β, the loss or its weights are not finite; {@link #problem()} then says which
     */
    boolean evaluate(double[] beta, boolean withCurvature) {
        for (int i = 0; i < dimension; i++) {
            if (!Double.isFinite(beta[i])) {
                problem = "the model returned a non-finite predictor (beta[" + i + "] = " + beta[i] + ")";
                return false;
            }
        }
        multiply(beta, margins);
        logLoss = loss.evaluate(margins, weights, withCurvature ? curvature : null);
        if (!Double.isFinite(logLoss)) {
            problem = "the loss returned log L = " + logLoss;
            return false;
        }
        for (int n = 0; n < size; n++) {
            if (!Double.isFinite(weights[n]) || withCurvature && !Double.isFinite(curvature[n])) {
                problem = "the loss returned a non-finite weight for point " + (n + 1);
                return false;
            }
        }
        multiplyTransposed(weights, direction);
        return true;
    }

    double logLoss() {
        return logLoss;
    }

    String problem() {
        return problem;
    }

    /** ‖X̃ᵀp‖ relative to the largest ‖x̃ₙ‖: zero exactly where the loss is stationary in β. */
    double stationarity() {
        double sum = 0.0;
        for (double g : direction) {
            sum += g * g;
        }
        return Math.sqrt(sum) / largestRowNorm;
    }

    /** out = X̃v for v ∈ ℝᵈ. */
    void multiply(double[] v, double[] out) {
        for (int n = 0; n < size; n++) {
            out[n] = dot(features, n * dimension, v, dimension);
        }
    }

    /** out = X̃ᵀv for v ∈ ℝᴺ. */
    void multiplyTransposed(double[] v, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        for (int n = 0; n < size; n++) {
            double scale = v[n];
            if (scale != 0.0) {
                int offset = n * dimension;
                for (int i = 0; i < dimension; i++) {
                    out[i] += scale * features[offset + i];
                }
            }
        }
    }

    /** Σᵢ a[offset + i]·b[i], unrolled so that the four partial sums pipeline. */
    static double dot(double[] a, int offset, double[] b, int length) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[offset + i] * b[i];
            s1 += a[offset + i + 1] * b[i + 1];
            s2 += a[offset + i + 2] * b[i + 2];
            s3 += a[offset + i + 3] * b[i + 3];
        }
        for (; i < length; i++) {
            s0 += a[offset + i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
