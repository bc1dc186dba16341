package org.biasflow.chart.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.biasflow.chart.AxisScale;
import org.junit.jupiter.api.Test;

class HeatMapDrawingTest {
    @Test
    void unevenCentresGetEdgesHalfwayBetweenThemAndOuterCellsAsWideAsTheirNeighbours() {
        double[] centres = {0, 1, 3};

        double[] edges = HeatMapDrawing.edges(centres.length, i -> centres[i], AxisScale.LINEAR);

        assertArrayEquals(new double[] {-0.5, 0.5, 2, 4}, edges, 1e-12);
    }

    @Test
    void onALogAxisEdgesAreHalfwayInLogarithm() {
        double[] centres = {1e-3, 1e-1, 1e3};

        double[] edges = HeatMapDrawing.edges(centres.length, i -> centres[i], AxisScale.LOG10);

        assertArrayEquals(new double[] {-4, -2, 1, 5}, log10(edges), 1e-12);
    }

    private static double[] log10(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log10(values[i]);
        }
        return logs;
    }
}
