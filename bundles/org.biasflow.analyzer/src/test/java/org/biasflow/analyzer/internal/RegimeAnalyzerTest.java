package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.DataSet;
import org.biasflow.api.ModelSpec;
import org.junit.jupiter.api.Test;

class RegimeAnalyzerTest {

    private static final DataSet GAUSSIAN = Trajectories.gaussian(8, 20, 5);

    private static double column(CheckpointMeasure measure, double[] values, String name) {
        return values[measure.columns().indexOf(name)];
    }

    @Test
    void labelsKernelAndIntermediateCheckpointsWithTheirCertificates() {
        CheckpointMeasure kernel = new RegimeAnalyzer().prepare(
                new AnalysisContext(GAUSSIAN, "diagonal", ModelSpec.of(2, 1e4), "exponential"));
        double[] atKernel = kernel.measure(Trajectories.run(GAUSSIAN, 2, 1e4, -1000).get(0));

        assertEquals(-1, column(kernel, atKernel, "regime"));
        assertTrue(column(kernel, atKernel, "l2_distance") < 1e-3);
        assertTrue(column(kernel, atKernel, "l2_cosine") > 1 - 1e-6);
        assertEquals(1, column(kernel, atKernel, "certified"));

        CheckpointMeasure intermediate = new RegimeAnalyzer().prepare(
                new AnalysisContext(GAUSSIAN, "diagonal", ModelSpec.of(2, 10), "exponential"));
        List<Checkpoint> checkpoints = Trajectories.run(GAUSSIAN, 2, 10, -100, -434);
        for (Checkpoint checkpoint : checkpoints) {
            double[] values = intermediate.measure(checkpoint);
            assertEquals(intermediate.columns().size(), values.length);
            assertTrue(column(intermediate, values, "qmu_distance") < 0.01);
            assertTrue(column(intermediate, values, "qmu_duality_gap") < 1e-7);
            assertTrue(column(intermediate, values, "l1_margin_ratio") <= 1 + 1e-9);
            assertTrue(column(intermediate, values, "l2_margin_ratio") <= 1 + 1e-9);
            assertEquals(1, column(intermediate, values, "certified"));
        }
    }

    @Test
    void depthThreeReportsTheQuasiNormKktResidual() {
        CheckpointMeasure measure = new RegimeAnalyzer().prepare(
                new AnalysisContext(GAUSSIAN, "diagonal", ModelSpec.of(3, 0.1), "exponential"));
        List<Checkpoint> checkpoints = Trajectories.run(GAUSSIAN, 3, 0.1, -10, -1000);

        double early = column(measure, measure.measure(checkpoints.get(0)), "l2d_kkt_residual");
        double late = column(measure, measure.measure(checkpoints.get(1)), "l2d_kkt_residual");
        assertTrue(late < early, early + " then " + late);
    }
}
