package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.biasflow.analyzer.Norm;
import org.biasflow.analyzer.References;
import org.biasflow.analyzer.Threshold;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.junit.jupiter.api.Test;

class ThresholdTest {

    private static final DataSet GAUSSIAN = Trajectories.gaussian(8, 20, 5);

    /**
     * On this problem the ℓ1 direction is approached slowly (8.7% off still at ε = 1e-434294), so the tolerance
     * is one the flow reaches at a loss an integrator gets to in a second: 20%, predicted near ε = 1e-1998.
     */
    @Test
    void richThresholdAgreesWithASimulatedTrajectoryAtAlphaOne() {
        double tolerance = 0.2;
        Threshold threshold = References.threshold(GAUSSIAN, 1, 2, tolerance);
        assertTrue(threshold.richReached());
        double log10 = threshold.richLog10Loss();

        List<Checkpoint> checkpoints = Trajectories.run(GAUSSIAN, 2, 1, 0.5 * log10, log10, 2 * log10);

        double[] l1 = References.maxMargin(GAUSSIAN, Norm.L1).beta();
        double[] distances = checkpoints.stream().mapToDouble(c -> distance(c, l1)).toArray();
        assertTrue(distances[0] > tolerance, "at half the threshold's log10: " + distances[0]);
        assertEquals(tolerance, distances[1], 0.05 * tolerance, "at the threshold");
        assertTrue(distances[2] < tolerance, "at twice the threshold's log10: " + distances[2]);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> References.threshold(GAUSSIAN, 0, 2, 0.01));
        assertThrows(IllegalArgumentException.class, () -> References.threshold(GAUSSIAN, 1, 2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> References.threshold(GAUSSIAN, 1, 1, 0.01));
    }

    private static double distance(Checkpoint checkpoint, double[] reference) {
        double gamma = java.util.Arrays.stream(new SignedData(GAUSSIAN).margins(checkpoint.beta())).min()
                .orElseThrow();
        return Vectors.relativeDistance(Vectors.scaled(checkpoint.beta(), 1 / gamma), reference);
    }
}
