package org.biasflow.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class KeptGramTest {
    private static final int ROWS = 30;
    private static final int COLUMNS = 200;

    private final Random random = new Random(11);
    private final double[] x = gaussian(ROWS * COLUMNS);
    private final RowMatrix features = new RowMatrix(x, ROWS, COLUMNS);
    private final double[] slope = positive(COLUMNS);

    @Test
    void theFirstKernelIsTheWeightedGramMatrix() {
        double[][] kernel = new KeptGram(features).at(slope);
        assertClose(exact(slope), kernel, 0.0);
    }

    @Test
    void twoThirdsOfTheFeaturesMovedAreStillAnUpdate() {
        KeptGram gram = new KeptGram(features);
        gram.at(slope);
        double[] moved = slope.clone();
        for (int i = 0; i < COLUMNS; i++) {
            if (i % 3 != 0) {
                moved[i] *= 2;
            }
        }
        assertClose(exact(moved), gram.at(moved), 1e-13);
        assertEquals(COLUMNS + COLUMNS * 2 / 3, gram.updatedFeatures());
    }

    @Test
    void featuresThatMovedBeyondTheDriftAreBroughtUpToDate() {
        KeptGram gram = new KeptGram(features);
        gram.at(slope);
        double[] moved = slope.clone();
        for (int i : new int[] {0, 17, 18, 199}) {
            moved[i] *= 1 + 3 * KeptGram.DRIFT;
        }
        moved[50] *= 1e-3;
        double[][] kernel = gram.at(moved);
        assertClose(exact(moved), kernel, 1e-13);
        assertEquals(COLUMNS + 5, gram.updatedFeatures(), "one formation, then only the five that moved");
    }

    @Test
    void driftBelowTheThresholdLeavesTheKernelWithinThatFractionOfEachTerm() {
        KeptGram gram = new KeptGram(features);
        double[][] first = copy(gram.at(slope));
        double[] drifted = slope.clone();
        for (int i = 0; i < COLUMNS; i++) {
            drifted[i] *= 1 + KeptGram.DRIFT * (2 * random.nextDouble() - 1) * 0.99;
        }
        double[][] kept = gram.at(drifted);
        assertClose(first, kept, 0.0);
        double[][] truth = exact(drifted);
        for (int m = 0; m < ROWS; m++) {
            for (int k = 0; k < ROWS; k++) {
                double bound = 0.0;
                for (int i = 0; i < COLUMNS; i++) {
                    bound += KeptGram.DRIFT * slope[i] * Math.abs(x[m * COLUMNS + i] * x[k * COLUMNS + i]);
                }
                assertTrue(Math.abs(kept[m][k] - truth[m][k]) <= bound, "K[" + m + "][" + k + "]");
            }
        }
        assertEquals(COLUMNS, gram.updatedFeatures());
    }

    @Test
    void whenMostFeaturesMovedTheKernelIsFormedAfresh() {
        KeptGram gram = new KeptGram(features);
        double[][] first = gram.at(slope);
        double[] moved = slope.clone();
        for (int i = 0; i < COLUMNS; i++) {
            if (i % 20 != 0) {
                moved[i] *= 2;
            }
        }
        double[][] kernel = gram.at(moved);
        assertClose(exact(moved), kernel, 0.0);
        assertEquals(2 * COLUMNS, gram.updatedFeatures());
        assertTrue(first != kernel, "formed afresh");
        assertSame(kernel, gram.at(moved), "nothing moved: the same rows");
    }

    @Test
    void droppedRowsCostNothingAndTheRestStayUpToDate() {
        KeptGram gram = new KeptGram(features);
        gram.at(slope);
        int[] rows = {1, 4, 5, 20, 29};
        double[] moved = slope.clone();
        moved[3] *= 2;
        double[][] kernel = gram.at(moved, rows);
        double[][] whole = exact(moved);
        for (int a = 0; a < rows.length; a++) {
            for (int b = 0; b < rows.length; b++) {
                double scale = Math.sqrt(whole[rows[a]][rows[a]] * whole[rows[b]][rows[b]]);
                assertEquals(whole[rows[a]][rows[b]], kernel[a][b], 1e-13 * scale);
            }
        }
        assertEquals(COLUMNS + 1, gram.updatedFeatures(), "the moved feature, over the rows kept");
    }

    @Test
    void aRowNotKeptMakesTheKernelAfresh() {
        KeptGram gram = new KeptGram(features);
        gram.at(slope, new int[] {2, 3});
        double[][] kernel = gram.at(slope, new int[] {2, 3, 7});
        assertClose(features.select(new int[] {2, 3, 7}, java.util.stream.IntStream.range(0, COLUMNS).toArray())
                .weightedGram(slope), kernel, 0.0);
        assertEquals(2 * COLUMNS, gram.updatedFeatures());
    }

    /** A mirror map's slope that overflowed once must not stay in K once it is finite again. */
    @Test
    void aSlopeThatWasNotFiniteLeavesNoTrace() {
        KeptGram gram = new KeptGram(features);
        gram.at(slope);
        double[] overflowed = slope.clone();
        overflowed[7] = Double.POSITIVE_INFINITY;
        gram.at(overflowed);
        double[] back = slope.clone();
        back[7] *= 1.5;
        assertClose(exact(back), gram.at(back), 0.0);
        assertEquals(3 * COLUMNS, gram.updatedFeatures(), "formed afresh each time");
    }

    private double[][] exact(double[] weights) {
        return features.weightedGram(weights);
    }

    private static void assertClose(double[][] expected, double[][] actual, double relative) {
        for (int m = 0; m < expected.length; m++) {
            for (int k = 0; k < expected.length; k++) {
                double scale = Math.sqrt(Math.abs(expected[m][m] * expected[k][k]));
                assertEquals(expected[m][k], actual[m][k], relative * scale, "K[" + m + "][" + k + "]");
            }
        }
    }

    private static double[][] copy(double[][] matrix) {
        double[][] result = new double[matrix.length][];
        for (int m = 0; m < matrix.length; m++) {
            result[m] = matrix[m].clone();
        }
        return result;
    }

    private double[] gaussian(int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private double[] positive(int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = Math.exp(random.nextGaussian());
        }
        return values;
    }
}
