package org.biasflow.analyzer.internal;

import java.util.List;

import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Analyzer;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.DataSet;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

/**
 * The margin γ = minₙ ⟨x̃ₙ, β⟩ and the normalized margins γ/‖β‖ in the ℓ1, ℓ2 and ℓ_{2/D} (quasi-)norms: the
 * quantities every regime comparison starts from.
 */
@Component(service = Analyzer.class, property = {
        ServiceProperties.NAME + "=margins",
        ServiceProperties.KIND + "=" + ServiceProperties.ANALYZER,
        ServiceProperties.DESCRIPTION + "=margin and normalized margins in l1, l2 and l_{2/D}" })
public class MarginAnalyzer implements Analyzer {

    static final List<String> COLUMNS = List.of("gamma", "margin_l1", "margin_l2", "margin_l2_over_depth");

    @Override
    public CheckpointMeasure prepare(AnalysisContext context) {
        DataSet data = context.data();
        double[] signed = data.signedFeatures();
        int size = data.size();
        int dimension = data.dimension();
        double quasiNormPower = 2.0 / context.spec().depth();
        return new CheckpointMeasure() {
            @Override
            public List<String> columns() {
                return COLUMNS;
            }

            @Override
            public double[] measure(Checkpoint checkpoint) {
                double[] beta = checkpoint.beta();
                double gamma = minimumMargin(signed, size, dimension, beta);
                return new double[] {gamma, gamma / norm(beta, 1.0), gamma / norm(beta, 2.0),
                        gamma / norm(beta, quasiNormPower)};
            }
        };
    }

    static double minimumMargin(double[] signed, int size, int dimension, double[] beta) {
        double gamma = Double.POSITIVE_INFINITY;
        for (int n = 0; n < size; n++) {
            double margin = 0;
            for (int i = 0; i < dimension; i++) {
                margin += signed[n * dimension + i] * beta[i];
            }
            gamma = Math.min(gamma, margin);
        }
        return gamma;
    }

    /** (Σ|βᵢ|^q)^{1/q}, scaled by the largest entry so that huge predictors do not overflow. */
    static double norm(double[] beta, double q) {
        double largest = 0;
        for (double b : beta) {
            largest = Math.max(largest, Math.abs(b));
        }
        if (largest == 0) {
            return 0;
        }
        double sum = 0;
        for (double b : beta) {
            sum += Math.pow(Math.abs(b) / largest, q);
        }
        return largest * Math.pow(sum, 1.0 / q);
    }
}
