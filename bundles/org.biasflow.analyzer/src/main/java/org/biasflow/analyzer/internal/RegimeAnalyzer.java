package org.biasflow.analyzer.internal;

import java.util.List;

import org.biasflow.analyzer.Certificate;
import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.biasflow.analyzer.Prediction;
import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Analyzer;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

/**
 * Every comparison of a checkpoint with the regimes' predictions, in one service so that the ℓ1 LP and the ℓ2 QP
 * are solved once per data set (and cached across runs), while the Q_μ prediction at the checkpoint's own
 * μ = α^D/γ is solved per checkpoint, warm-started from the previous one.
 *
 * <p>The regime label is numeric: −1 kernel (β̂ within {@value #REGIME_DISTANCE} of the ℓ2 predictor and nearer
 * it than the rich one), +1 rich (likewise for the ℓ1 predictor when D = 2; for D &gt; 2, an ℓ_{2/D} KKT residual
 * below {@value #REGIME_DISTANCE}), 0 intermediate, NaN before the data are separated (γ ≤ 0).
 *
 * <p>The regimes, μ and Q_μ are the theory of diagonal networks: for any other model (which the analyzer knows only
 * by name) those columns are NaN, and the distances to the ℓ1 and ℓ2 predictors remain. μ takes the initialization
 * shape u into account (μ = mean over i of (α²u₊ᵢu₋ᵢ)^{D/2} / γ, each coordinate with its own scale in Q_μ, and an
 * unbalanced initialization of depth 2 with its offsets); Q_μ for an unbalanced initialization of depth D &gt; 2
 * is not implemented, so μ and the Q_μ columns are NaN there.
 */
@Component(service = Analyzer.class, property = {
        ServiceProperties.NAME + "=regimes",
        ServiceProperties.KIND + "=" + ServiceProperties.ANALYZER,
        ServiceProperties.DESCRIPTION + "=distance to the kernel (l2), intermediate (Q_mu) and rich (l1, l_{2/D})"
                + " predictions, regime label and every solver's certificate" })
public class RegimeAnalyzer implements Analyzer {

    static final double REGIME_DISTANCE = 0.05;
    /** The model whose gradient flow the regimes' theory describes. */
    static final String DIAGONAL_MODEL = "diagonal";
    /** Points whose share pₙ = exp(−mₙ)/Σexp(−mₖ) of the loss reaches this count as support points. */
    static final double SUPPORT_WEIGHT = 1e-6;
    /** Coordinates with |βᵢ| at least this fraction of max|βᵢ| count as non-zero. */
    static final double NONZERO_FRACTION = 1e-3;

    static final List<String> COLUMNS = List.of("mu", "l1_max_margin", "l1_margin_ratio", "l1_cosine",
            "l1_distance", "l2_max_margin", "l2_margin_ratio", "l2_cosine", "l2_distance", "qmu_cosine",
            "qmu_distance", "l2d_kkt_residual", "support_points", "nonzero_features", "effective_features",
            "regime", "l1_primal_infeasibility", "l1_dual_infeasibility", "l1_duality_gap", "l1_unique",
            "l2_primal_infeasibility", "l2_dual_infeasibility", "l2_duality_gap", "qmu_primal_infeasibility",
            "qmu_dual_infeasibility", "qmu_duality_gap", "certified");

    @Override
    public CheckpointMeasure prepare(AnalysisContext context) {
        SignedData data = new SignedData(context.data());
        int depth = context.spec().depth();
        ShapeScales shape = ShapeScales.of(context.spec().shape(), context.spec().negativeShape(), depth,
                data.dimension);
        double scale = Math.pow(context.spec().alpha(), depth) * shape.mean();
        boolean diagonal = DIAGONAL_MODEL.equals(context.model());
        boolean predicted = diagonal && (depth == 2 || context.spec().negativeShape() == null);
        MaxMargin l1 = ReferenceSolvers.maxMargin(context.data(), Norm.L1);
        MaxMargin l2 = ReferenceSolvers.maxMargin(context.data(), Norm.L2);
        IntermediateSolver intermediate = new IntermediateSolver(DataScale.of(context.data()), depth,
                shape.relative(), shape.offsets());
        return new CheckpointMeasure() {
            private Prediction previous;

            @Override
            public List<String> columns() {
                return COLUMNS;
            }

            @Override
            public synchronized double[] measure(Checkpoint checkpoint) {
                double[] beta = checkpoint.beta();
                double[] margins = data.margins(beta);
                double gamma = min(margins);
                Row row = new Row();
                row.put("support_points", supportPoints(margins));
                row.put("nonzero_features", nonzeroFeatures(beta));
                double l1Norm = Vectors.norm(beta, 1);
                double l2Norm = Vectors.norm(beta, 2);
                row.put("effective_features", l2Norm == 0 ? Double.NaN : Math.pow(l1Norm / l2Norm, 2));
                row.put("l1_max_margin", l1.maxMargin());
                row.put("l2_max_margin", l2.maxMargin());
                row.putCertificate("l1", l1.certificate());
                row.put("l1_unique", l1.unique() ? 1 : 0);
                row.putCertificate("l2", l2.certificate());
                boolean certified = l1.certificate().passed() && l2.certificate().passed();
                if (gamma > 0) {
                    double[] normalized = Vectors.scaled(beta, 1 / gamma);
                    row.put("l1_margin_ratio", gamma / l1Norm / l1.maxMargin());
                    row.put("l2_margin_ratio", gamma / l2Norm / l2.maxMargin());
                    row.put("l1_cosine", Vectors.cosine(beta, l1.beta()));
                    row.put("l2_cosine", Vectors.cosine(beta, l2.beta()));
                    double l1Distance = Vectors.relativeDistance(normalized, l1.beta());
                    double l2Distance = Vectors.relativeDistance(normalized, l2.beta());
                    row.put("l1_distance", l1Distance);
                    row.put("l2_distance", l2Distance);
                    if (predicted) {
                        double mu = scale / gamma;
                        row.put("mu", mu);
                        previous = previous == null ? intermediate.solve(mu)
                                : intermediate.solve(mu, previous.dual(), previous.mu());
                        row.put("qmu_cosine", Vectors.cosine(beta, previous.beta()));
                        row.put("qmu_distance", Vectors.relativeDistance(normalized, previous.beta()));
                        row.putCertificate("qmu", previous.certificate());
                        certified &= previous.certificate().passed();
                    }
                    double richDistance = l1Distance;
                    if (depth > 2) {
                        richDistance = QuasiNormKkt.residual(data, normalized, depth);
                        row.put("l2d_kkt_residual", richDistance);
                    }
                    if (diagonal) {
                        row.put("regime", regime(l2Distance, richDistance));
                    }
                }
                row.put("certified", certified ? 1 : 0);
                return row.values;
            }
        };
    }

    static double regime(double kernelDistance, double richDistance) {
        if (kernelDistance <= REGIME_DISTANCE && kernelDistance <= richDistance) {
            return -1;
        }
        return richDistance <= REGIME_DISTANCE ? 1 : 0;
    }

    private static double supportPoints(double[] margins) {
        double smallest = min(margins);
        double total = 0;
        for (double m : margins) {
            total += Math.exp(smallest - m);
        }
        int count = 0;
        for (double m : margins) {
            if (Math.exp(smallest - m) / total >= SUPPORT_WEIGHT) {
                count++;
            }
        }
        return count;
    }

    private static double nonzeroFeatures(double[] beta) {
        double cutoff = NONZERO_FRACTION * Vectors.largest(beta);
        int count = 0;
        for (double b : beta) {
            if (b != 0 && Math.abs(b) >= cutoff) {
                count++;
            }
        }
        return count;
    }

    private static double min(double[] values) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double v : values) {
            smallest = Math.min(smallest, v);
        }
        return smallest;
    }

    /** One checkpoint's values by column name; columns never set stay NaN. */
    private static final class Row {
        final double[] values = new double[COLUMNS.size()];

        Row() {
            java.util.Arrays.fill(values, Double.NaN);
        }

        void put(String column, double value) {
            values[COLUMNS.indexOf(column)] = value;
        }

        void putCertificate(String prefix, Certificate certificate) {
            put(prefix + "_primal_infeasibility", certificate.primalInfeasibility());
            put(prefix + "_dual_infeasibility", certificate.dualInfeasibility());
            put(prefix + "_duality_gap", certificate.dualityGap());
        }
    }
}
