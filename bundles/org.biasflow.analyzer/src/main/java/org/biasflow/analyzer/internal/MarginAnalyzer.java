package org.biasflow.analyzer.internal;

import java.util.Arrays;
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
        SignedData signed = new SignedData(data);
        double quasiNormPower = 2.0 / context.spec().depth();
        return new CheckpointMeasure() {
            @Override
            public List<String> columns() {
                return COLUMNS;
            }

            @Override
            public double[] measure(Checkpoint checkpoint) {
                double[] beta = checkpoint.beta();
                double gamma = Arrays.stream(signed.margins(beta)).min().orElseThrow();
                return new double[] {gamma, gamma / Vectors.norm(beta, 1.0),
                        gamma / Vectors.norm(beta, 2.0), gamma / Vectors.norm(beta, quasiNormPower)};
            }
        };
    }
}
