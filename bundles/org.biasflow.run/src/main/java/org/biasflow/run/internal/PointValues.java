package org.biasflow.run.internal;

import java.util.Arrays;
import java.util.List;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.Loss;

/**
 * What each data point is at a checkpoint, the rows of {@code points.csv}: its margin, its share of the loss's
 * descent weight (the dual variable the regimes' theory speaks of) and whether it is a support point. Margins and
 * weights follow from β, the data and the run's own loss, so they hold for any model and integrator.
 */
final class PointValues {

    static final List<String> COLUMNS = List.of("checkpoint", "log10_loss", "point", "label", "margin",
            "normalized_margin", "weight", "nu", "support");

    /** A point whose weight pₙ reaches this share counts as a support point (the regime analyzer's threshold). */
    static final double SUPPORT_WEIGHT = 1e-6;

    private final DataSet data;
    private final double[] signedFeatures;
    private final Loss loss;

    PointValues(DataSet data, Loss loss) {
        this.data = data;
        this.signedFeatures = data.signedFeatures();
        this.loss = loss;
    }

    /**
     * Appends one line per point for the checkpoint with that (1-based) index.
     *
     * @param nu the integrated loss derivatives, or {@code null} when the integrator does not follow them
     * @throws RuntimeException when the loss fails; nothing is appended then
     */
    void append(StringBuilder rows, int index, Checkpoint checkpoint, double[] nu) {
        double[] beta = checkpoint.beta();
        int dimension = data.dimension();
        double[] margins = new double[data.size()];
        double gamma = Double.POSITIVE_INFINITY;
        for (int n = 0; n < margins.length; n++) {
            double margin = 0;
            for (int i = 0; i < dimension; i++) {
                margin += signedFeatures[n * dimension + i] * beta[i];
            }
            margins[n] = margin;
            gamma = Math.min(gamma, margin);
        }
        double[] weights = new double[margins.length];
        if (!Double.isFinite(loss.evaluate(margins.clone(), weights, null))) {
            Arrays.fill(weights, Double.NaN);
        }
        for (int n = 0; n < margins.length; n++) {
            double weight = weights[n];
            rows.append(index).append(',').append(checkpoint.log10Loss()).append(',').append(n + 1).append(',')
                    .append(data.label(n)).append(',').append(margins[n]).append(',')
                    .append(gamma > 0 ? margins[n] / gamma : Double.NaN).append(',').append(weight).append(',')
                    .append(nu == null || nu.length != margins.length ? Double.NaN : nu[n]).append(',')
                    .append(Double.isNaN(weight) ? "NaN" : weight >= SUPPORT_WEIGHT ? "1" : "0").append('\n');
        }
    }
}
