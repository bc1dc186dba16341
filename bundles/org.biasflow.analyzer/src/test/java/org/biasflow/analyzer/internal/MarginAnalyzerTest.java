package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.DataSet;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.TargetLoss;
import org.junit.jupiter.api.Test;

class MarginAnalyzerTest {

    private static Checkpoint at(double... beta) {
        return new Checkpoint(TargetLoss.parse("1e-10"), -10, Double.NaN, beta, beta, 0);
    }

    @Test
    void marginsOfAHandSolvedPredictor() {
        // x̃ = (1, 2) and (−3, 1)·(−1) = (3, −1): margins of β = (1, 1) are 3 and 2.
        DataSet data = new DataSet(new double[][] {{1, 2}, {-3, 1}}, new int[] {1, -1}, "hand");
        CheckpointMeasure measure = new MarginAnalyzer().prepare(
                new AnalysisContext(data, "diagonal", new ModelSpec(2, 1.0, null, null, 0, Map.of()), "exponential"));

        double[] values = measure.measure(at(1, 1));

        assertEquals(4, measure.columns().size());
        assertArrayEquals(new double[] {2, 1, 2 / Math.sqrt(2), 1}, values, 1e-15);
    }

    @Test
    void quasiNormOfDepthThree() {
        // ‖(1, 8)‖_{2/3} = (1 + 8^{2/3})^{3/2} = 5^{3/2}
        assertEquals(Math.pow(5, 1.5), Vectors.norm(new double[] {1, 8}, 2.0 / 3), 1e-12);
    }

    @Test
    void normDoesNotOverflowForHugePredictors() {
        assertEquals(5e300, Vectors.norm(new double[] {3e300, 4e300}, 2), 1e288);
    }
}
