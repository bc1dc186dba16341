package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.biasflow.api.DataSet;
import org.junit.jupiter.api.Test;

class InseparableTest {

    @Test
    void theFirstZeroPointAndTheFirstOppositePairAreFound() {
        DataSet data = new DataSet(new double[][] {{1, 2}, {0, -0.0}, {3, 0}, {1, 2}, {3, -0.0}, {0, 0}},
                new int[] {1, 1, 1, 1, -1, -1}, "mixed");

        assertEquals(1, Inseparable.zeroPoint(data));
        assertArrayEquals(new int[] {2, 4}, Inseparable.oppositePair(data),
                "-0.0 is 0.0, and a repeat with its own label is not a pair");
    }

    @Test
    void separableDataHaveNeither() {
        DataSet data = new DataSet(new double[][] {{1, 2}, {1, 2}, {-1, 0}}, new int[] {1, 1, -1}, "fine");

        assertEquals(-1, Inseparable.zeroPoint(data));
        assertNull(Inseparable.oppositePair(data));
    }
}
