package org.biasflow.integrator.internal;

import org.biasflow.api.DataSet;
import org.biasflow.api.Loss;
import org.biasflow.linalg.RowMatrix;

/**
 * The training loss as a function of β, with scratch space for one run: margins m = X̃β, weights p, curvature c
 * and the descent direction g = X̃ᵀp. Rows whose weight underflowed to zero are skipped in g, which late in a flow
 * is most of them, and with {@link #skipDeadRows} in m as well.
 */
final class Objective {
    final int size;
    final int dimension;
    final RowMatrix features;
    final double[] margins;
    final double[] weights;
    final double[] curvature;
    final double[] direction;
    private final Loss loss;
    private final double largestRowNorm;
    private DeadRows deadRows;
    private double logLoss;
    private String problem = "";

    Objective(DataSet data, Loss loss) {
        this.size = data.size();
        this.dimension = data.dimension();
        this.features = new RowMatrix(data.signedFeatures(), size, dimension);
        this.loss = loss;
        margins = new double[size];
        weights = new double[size];
        curvature = new double[size];
        direction = new double[dimension];
        double largest = 0.0;
        for (int n = 0; n < size; n++) {
            largest = Math.max(largest, Math.sqrt(features.squaredRowNorm(n)));
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
        boolean[] skipped = deadRows == null ? null : deadRows.bound(beta, margins);
        features.multiply(beta, margins, skipped);
        double[] asked = withCurvature ? curvature : null;
        logLoss = loss.evaluate(margins, weights, asked);
        while (skipped != null && Double.isFinite(logLoss) && deadRows.revive(beta, margins, weights, asked)) {
            logLoss = loss.evaluate(margins, weights, asked);
        }
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
        if (deadRows != null) {
            deadRows.settle(beta, margins, weights, skipped == null);
        }
        features.multiplyTransposed(weights, direction);
        return true;
    }

    /**
     * From now on, leaves out of the margins the rows whose weight is certified to stay zero ({@link DeadRows}):
     * the weights, curvature, direction and log L stay bit for bit those of the full product, while the margins of
     * those rows hold lower bounds instead.
     */
    void skipDeadRows() {
        deadRows = new DeadRows(features);
    }

    /** Margin products left out so far by {@link #skipDeadRows}. */
    long skippedRows() {
        return deadRows == null ? 0 : deadRows.skippedRows();
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
}
