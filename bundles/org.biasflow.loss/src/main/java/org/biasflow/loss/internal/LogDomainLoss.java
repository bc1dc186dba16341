package org.biasflow.loss.internal;

import org.biasflow.api.Loss;

/**
 * A margin loss described by three logarithms, so that L, its weights and its curvature never leave the log
 * domain until they are normalized by L: values like exp(−10⁶) are never formed.
 */
abstract class LogDomainLoss implements Loss {

    /** log ℓ(m). */
    abstract double logLoss(double margin);

    /** log(−ℓ'(m)). */
    abstract double logDescent(double margin);

    /** log ℓ''(m). */
    abstract double logCurvature(double margin);

    @Override
    public double evaluate(double[] margins, double[] weights, double[] curvature) {
        double largest = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            largest = Math.max(largest, logLoss(m));
        }
        double sum = 0.0;
        for (double m : margins) {
            sum += Math.exp(logLoss(m) - largest);
        }
        double logSum = Math.log(sum);
        // Subtracting the largest term before log(sum) keeps the exponents exact when the margins are huge:
        // log L itself is rounded to a unit in the last place of 10⁶, which is far coarser than 10⁻¹⁶.
        for (int n = 0; n < margins.length; n++) {
            weights[n] = Math.exp(logDescent(margins[n]) - largest - logSum);
            if (curvature != null) {
                curvature[n] = Math.exp(logCurvature(margins[n]) - largest - logSum);
            }
        }
        return largest + logSum;
    }
}
