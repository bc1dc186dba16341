package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.biasflow.analyzer.Prediction;
import org.biasflow.analyzer.References;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.junit.jupiter.api.Test;

/** The Q_μ minimizer between its limits, and gradient flow's agreement with it. */
class PredictionTest {

    private static final DataSet TWO_POINTS_3D = MaxMarginSolversTest.TWO_POINTS_3D;
    private static final DataSet GAUSSIAN = Trajectories.gaussian(8, 20, 5);

    @Test
    void tendsToTheL2SolutionAsMuGrows() {
        MaxMargin l2 = References.maxMargin(TWO_POINTS_3D, Norm.L2);
        for (int depth : new int[] {2, 3}) {
            Prediction kernel = References.predict(TWO_POINTS_3D, 1e6, depth);

            assertTrue(kernel.certificate().passed(), kernel.certificate().describe());
            assertTrue(Vectors.relativeDistance(kernel.beta(), l2.beta()) < 1e-6, "depth " + depth);
        }
    }

    @Test
    void tendsToTheL1SolutionAsMuShrinksDownTo1e6() {
        MaxMargin l1 = References.maxMargin(TWO_POINTS_3D, Norm.L1);
        double previous = Double.POSITIVE_INFINITY;
        for (double mu : new double[] {1e-2, 1e-4, 1e-6}) {
            Prediction rich = References.predict(TWO_POINTS_3D, mu, 2);
            double distance = Vectors.relativeDistance(rich.beta(), l1.beta());

            assertTrue(rich.certificate().passed(), rich.certificate().describe());
            assertTrue(distance < previous, "distance " + distance + " at mu " + mu);
            previous = distance;
        }
        // The approach is logarithmic in 1/μ: about 0.22, 0.05, 0.011 at μ = 1e-2, 1e-4, 1e-6.
        assertTrue(previous < 0.02, "distance at mu 1e-6: " + previous);
    }

    @Test
    void solvesAGaussianProblemAtTinyMuWithACertificate() {
        Prediction rich = References.predict(GAUSSIAN, 1e-6, 2);

        assertTrue(rich.certificate().passed(), rich.certificate().describe());
        assertTrue(Vectors.relativeDistance(rich.beta(), References.maxMargin(GAUSSIAN, Norm.L1).beta()) < 0.1);
    }

    @Test
    void nonPositiveMuIsRejected() {
        for (double mu : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> References.predict(TWO_POINTS_3D, mu, 2));
            assertTrue(e.getMessage().contains("mu must be positive"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> References.predict(TWO_POINTS_3D, 1, 1));
    }

    @Test
    void atLargeAlphaAndModerateLossGradientFlowIsAtTheL2Direction() {
        Checkpoint checkpoint = Trajectories.run(GAUSSIAN, 2, 1e4, -1000).get(0);

        double[] l2 = References.maxMargin(GAUSSIAN, Norm.L2).beta();
        double distance = distanceToPrediction(checkpoint, l2);
        assertTrue(distance < 1e-3, "relative distance to the l2 predictor " + distance);
    }

    @Test
    void depthTwoAtAlpha10FollowsTheQmuMinimizer() {
        List<Checkpoint> checkpoints = Trajectories.run(GAUSSIAN, 2, 10, -100, -434);

        for (Checkpoint checkpoint : checkpoints) {
            double distance = distanceToIntermediate(checkpoint, 2, 100);
            assertTrue(distance < 0.01, "at log10 eps " + checkpoint.log10Loss() + ": " + distance);
        }
    }

    @Test
    void depthThreeAtAlpha10FollowsTheQ3muMinimizer() {
        List<Checkpoint> checkpoints = Trajectories.run(GAUSSIAN, 3, 10, -100, -434);

        for (Checkpoint checkpoint : checkpoints) {
            double distance = distanceToIntermediate(checkpoint, 3, 1000);
            assertTrue(distance < 0.01, "at log10 eps " + checkpoint.log10Loss() + ": " + distance);
        }
    }

    /** Relative distance of β̂ = β/γ to the Q^D_μ minimizer at μ = α^D/γ. */
    private static double distanceToIntermediate(Checkpoint checkpoint, int depth, double alphaToDepth) {
        double gamma = gamma(checkpoint);
        Prediction prediction = References.predict(GAUSSIAN, alphaToDepth / gamma, depth);
        assertTrue(prediction.certificate().passed(), prediction.certificate().describe());
        double distance = distanceToPrediction(checkpoint, prediction.beta());
        return distance;
    }

    private static double distanceToPrediction(Checkpoint checkpoint, double[] prediction) {
        return Vectors.relativeDistance(Vectors.scaled(checkpoint.beta(), 1 / gamma(checkpoint)), prediction);
    }

    private static double gamma(Checkpoint checkpoint) {
        return java.util.Arrays.stream(new SignedData(GAUSSIAN).margins(checkpoint.beta())).min().orElseThrow();
    }
}
