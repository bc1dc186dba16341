package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.biasflow.analyzer.Prediction;
import org.biasflow.analyzer.References;
import org.biasflow.api.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data far from order one (nanosecond timestamps, values near the ends of the double range): the max-margin and
 * Q_μ solvers answer as for the same data at scale one, mapped back, instead of retrying a factorization forever.
 */
class ExtremeScaleTest {

    /** The timestamps: three points, separable, with a first feature near 1.7e18. */
    private static DataSet timestamps(double scale) {
        return new DataSet(new double[][] {{1.7 * scale, 2}, {1.6 * scale, -2}, {1.75 * scale, 3}},
                new int[] {1, -1, 1}, "timestamps at " + scale);
    }

    private static DataSet scaled(DataSet data, double factor) {
        double[][] points = new double[data.size()][];
        int[] labels = new int[data.size()];
        for (int n = 0; n < data.size(); n++) {
            points[n] = Vectors.scaled(data.point(n), factor);
            labels[n] = data.label(n);
        }
        return new DataSet(points, labels, data.source() + " times " + factor);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e18, 1e100, 1e300, 1e-30, 1e-300})
    void maxMarginsOfRescaledDataAreTheRescaledMaxMargins(double factor) {
        DataSet unit = MaxMarginSolversTest.TWO_POINTS_3D;
        DataSet far = scaled(unit, factor);
        for (Norm norm : Norm.values()) {
            MaxMargin expected = References.maxMargin(unit, norm);
            MaxMargin actual = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> References.maxMargin(far, norm));

            assertTrue(actual.certificate().passed(), actual.certificate().describe());
            double[] rescaled = Vectors.scaled(actual.beta(), factor);
            assertArrayEquals(expected.beta(), rescaled, 1e-9, norm + " at " + factor);
            assertEquals(expected.maxMargin(), actual.maxMargin() / factor, 1e-9 * expected.maxMargin());
        }
    }

    @Test
    void aPredictorBeyondTheDoubleRangeIsRefusedWithTheReason() {
        DataSet tiny = scaled(MaxMarginSolversTest.TWO_POINTS_3D, 1e-310);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> References.maxMargin(tiny, Norm.L1));
        assertTrue(e.getMessage().contains("beyond the double range"), e.getMessage());
    }

    @Test
    void timestampsAtOrderOneAreSolvedInBothNorms() {
        for (Norm norm : Norm.values()) {
            MaxMargin solved = References.maxMargin(timestamps(1), norm);
            assertTrue(solved.certificate().passed(), norm + " " + solved.certificate().describe());
        }
    }

    /**
     * Beside a feature of 2, timestamps near 1e18 make the ℓ1 solution span 18 orders of magnitude: the solve ends
     * at once, and the refusal names the features and the cure instead of calling the data inseparable.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e18, 1e300})
    void timestampsBesideSmallFeaturesEndWithTheSpreadNamed(double scale) {
        DataSet data = timestamps(scale);
        for (Norm norm : Norm.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> assertTimeoutPreemptively(
                    Duration.ofSeconds(20), () -> References.maxMargin(data, norm)));
            assertTrue(e.getMessage().contains("standardize the features"), e.getMessage());
            assertTrue(e.getMessage().contains("(x2)") && e.getMessage().contains("(x1)"), e.getMessage());
        }
    }

    @Test
    void qMuPredictionsFollowTheScale() {
        DataSet unit = MaxMarginSolversTest.TWO_POINTS_3D;
        double factor = 1e200;
        Prediction expected = References.predict(unit, 0.5, 2);
        Prediction actual = References.predict(scaled(unit, factor), 0.5 / factor, 2);

        assertTrue(actual.certificate().passed(), actual.certificate().describe());
        assertArrayEquals(expected.beta(), Vectors.scaled(actual.beta(), factor), 1e-8);
        assertEquals(0.5 / factor, actual.mu());
    }

    @Test
    void dataWithoutANonZeroFeatureAreRefused() {
        DataSet zeros = new DataSet(new double[][] {{0, 0}, {0, 0}}, new int[] {1, -1}, "zeros");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> References.maxMargin(zeros, Norm.L1));
        assertTrue(e.getMessage().contains("every feature of every point is 0"), e.getMessage());
    }

    @Test
    void aNonFiniteNormalMatrixIsNamedInsteadOfRetriedForever() {
        double[][] matrix = {{Double.POSITIVE_INFINITY, 0}, {0, 1}};

        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> DenseCholesky.solveRegularized(matrix, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
        double[][] nan = {{1, Double.NaN}, {Double.NaN, 1}};
        assertThrows(ArithmeticException.class, () -> DenseCholesky.solveRegularized(nan, new double[] {1, 1}));
    }

    @Test
    void anIndefiniteMatrixEndsAfterABoundedNumberOfShifts() {
        double[][] indefinite = {{1, 0}, {0, -1e30}};

        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> DenseCholesky.solveRegularized(indefinite, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("indefinite"), e.getMessage());
    }

    @Test
    void aNonFiniteDualGradientIsNamedInsteadOfTakenForConvergence() {
        BoundedNewton.Objective overflowing = new BoundedNewton.Objective() {
            @Override
            public double value(double[] lambda) {
                return 0;
            }

            @Override
            public double[] gradient(double[] lambda) {
                return new double[] {-1, Double.NaN};
            }

            @Override
            public double[] newtonStep(double[] lambda, int[] free, double[] rhs) {
                return new double[free.length];
            }
        };

        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> BoundedNewton.minimize(overflowing, new double[] {0, 0}, 1e-12, 50));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
