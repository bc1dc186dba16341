package org.biasflow.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DataSetTest {

    @Test
    void signedFeaturesFlipNegativePoints() {
        DataSet data = new DataSet(new double[][] {{1, 2}, {3, -4}}, new int[] {1, -1}, "t");

        assertArrayEquals(new double[] {1, 2, -3, 4}, data.signedFeatures());
        assertArrayEquals(new double[] {3, -4}, data.point(1));
    }

    @Test
    void invalidPointsAreNamed() {
        assertEquals("t: point 2 feature 1 is NaN", assertThrows(IllegalArgumentException.class,
                () -> new DataSet(new double[][] {{1}, {Double.NaN}}, new int[] {1, 1}, "t")).getMessage());
        assertEquals("t: point 2 has 1 features, expected 2", assertThrows(IllegalArgumentException.class,
                () -> new DataSet(new double[][] {{1, 2}, {1}}, new int[] {1, 1}, "t")).getMessage());
        assertEquals("t: point 1 has label 0, expected -1 or +1", assertThrows(IllegalArgumentException.class,
                () -> new DataSet(new double[][] {{1}}, new int[] {0}, "t")).getMessage());
        assertEquals("t: the data set has no points", assertThrows(IllegalArgumentException.class,
                () -> new DataSet(new double[0][], new int[0], "t")).getMessage());
    }
}
