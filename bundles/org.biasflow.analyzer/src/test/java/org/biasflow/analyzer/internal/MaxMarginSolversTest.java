package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.biasflow.analyzer.References;
import org.biasflow.api.DataSet;
import org.junit.jupiter.api.Test;

/** Max-margin problems small enough to solve by hand, and inputs the solvers must refuse or qualify. */
class MaxMarginSolversTest {

    static DataSet positives(double[][] signedPoints) {
        int[] labels = new int[signedPoints.length];
        java.util.Arrays.fill(labels, 1);
        return new DataSet(signedPoints, labels, "hand");
    }

    /** x̃₁ = (3, 0, 1), x̃₂ = (0, 3, 1): the LP dual is λ = (1/3, 1/3), the QP's λ = (1/11, 1/11). */
    static final DataSet TWO_POINTS_3D = positives(new double[][] {{3, 0, 1}, {0, 3, 1}});

    @Test
    void l1MaxMarginOfTwoPointsIn3d() {
        MaxMargin l1 = References.maxMargin(TWO_POINTS_3D, Norm.L1);

        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 0}, l1.beta(), 1e-12);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3}, l1.dual(), 1e-12);
        assertEquals(1.5, l1.maxMargin(), 1e-12);
        assertTrue(l1.certificate().passed(), l1.certificate().describe());
        assertTrue(l1.unique());
    }

    @Test
    void l2MaxMarginOfTwoPointsIn3d() {
        MaxMargin l2 = References.maxMargin(TWO_POINTS_3D, Norm.L2);

        assertArrayEquals(new double[] {3.0 / 11, 3.0 / 11, 2.0 / 11}, l2.beta(), 1e-14);
        assertArrayEquals(new double[] {1.0 / 11, 1.0 / 11}, l2.dual(), 1e-14);
        assertEquals(Math.sqrt(5.5), l2.maxMargin(), 1e-14);
        assertTrue(l2.certificate().passed(), l2.certificate().describe());
    }

    @Test
    void onePointIn3dHasTheDualNormsAsMaxMargins() {
        DataSet point = positives(new double[][] {{1, -2, 3}});

        MaxMargin l1 = References.maxMargin(point, Norm.L1);
        MaxMargin l2 = References.maxMargin(point, Norm.L2);

        assertArrayEquals(new double[] {0, 0, 1.0 / 3}, l1.beta(), 1e-12);
        assertEquals(3, l1.maxMargin(), 1e-12);
        assertArrayEquals(new double[] {1.0 / 14, -2.0 / 14, 3.0 / 14}, l2.beta(), 1e-14);
        assertEquals(Math.sqrt(14), l2.maxMargin(), 1e-13);
    }

    /**
     * x̃₁ = (2, 0), x̃₂ = (1, 1): every β = (t, 1 − t) with t ∈ [1/2, 1] has ‖β‖₁ = 1 and margin 1, so the ℓ1
     * minimizer is a segment; the ℓ2 one is its end (1/2, 1/2).
     */
    @Test
    void anLpWithASegmentOfMinimizersReturnsOneAndSaysSo() {
        DataSet data = positives(new double[][] {{2, 0}, {1, 1}});

        MaxMargin l1 = References.maxMargin(data, Norm.L1);
        MaxMargin l2 = References.maxMargin(data, Norm.L2);

        double[] beta = l1.beta();
        assertEquals(1, beta[0] + beta[1], 1e-12);
        assertTrue(beta[0] >= 0.5 - 1e-12 && beta[0] <= 1 + 1e-12, java.util.Arrays.toString(beta));
        assertTrue(l1.certificate().passed(), l1.certificate().describe());
        assertFalse(l1.unique());
        assertArrayEquals(new double[] {0.5, 0.5}, l2.beta(), 1e-14);
        assertTrue(l2.unique());
    }

    @Test
    void nonSeparableDataAreRefusedWithAClearMessage() {
        // x and -x with one label: no point shows it alone, the solvers find it
        DataSet data = new DataSet(new double[][] {{1, 0}, {-1, 0}}, new int[] {1, 1}, "opposite");

        for (Norm norm : Norm.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> References.maxMargin(data, norm));
            assertTrue(e.getMessage().startsWith("the data are not linearly separable"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> References.predict(data, 1.0, 2));
        assertTrue(e.getMessage().startsWith("the data are not linearly separable"), e.getMessage());
    }

    @Test
    void pointsThatAloneMakeTheDataInseparableAreNamed() {
        DataSet contradiction = new DataSet(new double[][] {{2, 1}, {1, 0}, {1, -0.0}}, new int[] {1, 1, -1}, "c.csv");
        DataSet zero = new DataSet(new double[][] {{1, 0}, {0, 0}}, new int[] {1, -1}, "z.csv");

        assertTrue(assertThrows(IllegalArgumentException.class, () -> References.maxMargin(contradiction, Norm.L1))
                .getMessage().startsWith("c.csv: points 2 and 3 have the same features and opposite labels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> References.predict(zero, 1.0, 2))
                .getMessage().startsWith("z.csv: point 2 has every feature 0"));
    }

    @Test
    void labelsAreFoldedIntoTheSignedFeatures() {
        DataSet negative = new DataSet(new double[][] {{-3, 0, -1}, {0, 3, 1}}, new int[] {-1, 1}, "signed");

        assertArrayEquals(References.maxMargin(TWO_POINTS_3D, Norm.L2).beta(),
                References.maxMargin(negative, Norm.L2).beta(), 1e-15);
    }

    /**
     * A run cancelled while its analyzers prepare interrupts their thread: the ℓ1 solve, minutes at large N, stops
     * instead of going on for no one, and leaves nothing in the cache, so the next run solves it afresh.
     */
    @Test
    void anInterruptedL1SolveStopsAndIsNotCached() {
        DataSet data = positives(new double[][] {{2, 0, 1}, {0, 2, 1}, {1, 1, 3}});
        Thread.currentThread().interrupt();
        try {
            assertThrows(java.util.concurrent.CancellationException.class, () -> References.maxMargin(data, Norm.L1));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt stays set for the caller to see");
        }

        MaxMargin solved = References.maxMargin(data, Norm.L1);

        assertTrue(solved.certificate().passed(), solved.certificate().describe());
    }
}
