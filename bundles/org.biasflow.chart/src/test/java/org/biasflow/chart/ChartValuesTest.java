package org.biasflow.chart;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ChartValuesTest {
    private static final Grid TWO_BY_TWO = new Grid(new double[] {1, 2}, new double[] {1, 2}, new double[][] {{0, 1}, {2, 3}});

    @Test
    void aLogAxisRejectsANonPositiveValueNamingTheAxisTheSeriesAndTheIndex() {
        Series curve = Series.line("α = 1", new double[] {1, 10, 0}, new double[] {0.5, 0.6, 0.7});

        String message = rejected(() -> new LineChart("t", Axis.log10("log10(1/ε)"), Axis.linear("ratio"), List.of(curve)));

        for (String part : List.of("log10(1/ε)", "α = 1", "index 2", "0.0", "positive")) {
            assertTrue(message.contains(part), "\"" + part + "\" missing from: " + message);
        }
    }

    @Test
    void aLogYAxisRejectsNegativeValues() {
        Series curve = Series.points("margins", new double[] {1, 2}, new double[] {0.1, -0.1});

        String message = rejected(() -> new LineChart("t", Axis.linear("x"), Axis.log10("margin"), List.of(curve)));

        assertTrue(message.contains("y of series \"margins\" at index 1"), message);
    }

    @Test
    void aLogAxisRejectsAReferenceLineAtZero() {
        Series curve = Series.line("c", new double[] {1, 2}, new double[] {1, 2});

        String message = rejected(() -> new LineChart("t", Axis.log10("x"), Axis.linear("y"), List.of(curve),
                List.of(ReferenceLine.atX(0, "start"))));

        assertTrue(message.contains("reference line \"start\""), message);
    }

    @Test
    void aReferenceLineOnlyNeedsItsOwnAxisToShowIt() {
        Series curve = Series.line("c", new double[] {1, 2}, new double[] {1, 2});

        assertDoesNotThrow(() -> new LineChart("t", Axis.log10("x"), Axis.linear("y"), List.of(curve),
                List.of(ReferenceLine.atY(-1, "below"))));
    }

    @Test
    void aHeatMapOnLogAxesRejectsNonPositiveCentresAndOverlayPoints() {
        Grid fromZero = new Grid(new double[] {0, 1}, new double[] {1, 2}, new double[][] {{0, 1}, {2, 3}});
        ColourScale colours = new ColourScale("v", Palette.VIRIDIS, 0, 3);
        Series overlay = Series.line("boundary", new double[] {1, 2}, new double[] {-1, 1});

        assertTrue(rejected(() -> new HeatMap("t", Axis.log10("α"), Axis.linear("y"), fromZero, colours))
                .contains("grid x centre at index 0"));
        assertTrue(rejected(() -> new HeatMap("t", Axis.linear("x"), Axis.log10("y"), TWO_BY_TWO, colours, List.of(overlay)))
                .contains("y of series \"boundary\" at index 0"));
    }

    @Test
    void aChartRejectsTwoSeriesWithOneName() {
        Series first = Series.line("α = 1", new double[] {1}, new double[] {1});
        Series second = Series.points("α = 1", new double[] {2}, new double[] {2});

        assertTrue(rejected(() -> new LineChart("t", Axis.linear("x"), Axis.linear("y"), List.of(first, second)))
                .contains("two series named \"α = 1\""));
        assertTrue(rejected(() -> new HeatMap("t", Axis.linear("x"), Axis.linear("y"), TWO_BY_TWO,
                new ColourScale("v", Palette.VIRIDIS, 0, 3), List.of(first, second))).contains("two series"));
    }

    @Test
    void aLineChartNeedsASeries() {
        rejected(() -> new LineChart("empty", Axis.linear("x"), Axis.linear("y"), List.of()));
    }

    @Test
    void aSeriesRejectsUnequalLengthsNoPointsAndNonFiniteValues() {
        assertTrue(rejected(() -> Series.line("s", new double[] {1, 2}, new double[] {1})).contains("2 x values but 1 y"));
        rejected(() -> Series.line("s", new double[0], new double[0]));
        assertTrue(rejected(() -> Series.line("s", new double[] {1, 2}, new double[] {1, Double.NaN})).contains("index 1"));
        rejected(() -> Series.line("s", new double[] {Double.POSITIVE_INFINITY}, new double[] {1}));
    }

    @Test
    void aSeriesKeepsItsOwnCopyOfThePoints() {
        double[] x = {1, 2};
        double[] y = {3, 4};
        Series series = Series.points("s", x, y);

        x[0] = 100;
        y[1] = 100;

        assertEquals(1, series.x(0));
        assertEquals(4, series.y(1));
        assertEquals(2, series.size());
    }

    @Test
    void aGridRejectsCentresOutOfOrderTooFewCentresWrongShapesAndInfiniteValues() {
        assertTrue(rejected(() -> new Grid(new double[] {1, 1}, new double[] {1, 2}, new double[][] {{0, 0}, {0, 0}}))
                .contains("x centres must be finite and strictly increasing, but index 1"));
        assertTrue(rejected(() -> new Grid(new double[] {1, 2}, new double[] {1}, new double[][] {{0}, {0}}))
                .contains("at least two y centres"));
        assertTrue(rejected(() -> new Grid(new double[] {1, 2, 3}, new double[] {1, 2}, new double[][] {{0, 0}, {0, 0}}))
                .contains("3 x centres but values for 2"));
        assertTrue(rejected(() -> new Grid(new double[] {1, 2}, new double[] {1, 2}, new double[][] {{0, 0}, {0}}))
                .contains("1 values at x index 1"));
        assertTrue(rejected(() -> new Grid(new double[] {1, 2}, new double[] {1, 2},
                new double[][] {{0, Double.NEGATIVE_INFINITY}, {0, 0}})).contains("use NaN"));
    }

    @Test
    void aGridIndexesValuesByXThenYAndKeepsItsOwnCopy() {
        double[][] values = {{1, 2, 3}, {4, Double.NaN, 6}};
        Grid grid = new Grid(new double[] {10, 20}, new double[] {1, 2, 3}, values);

        values[0][2] = 100;

        assertEquals(3, grid.value(0, 2));
        assertEquals(4, grid.value(1, 0));
        assertTrue(Double.isNaN(grid.value(1, 1)));
        assertEquals(20, grid.xCentre(1));
        assertEquals(3, grid.yCount());
    }

    @Test
    void aSpanningColourScaleCoversTheDataIgnoringCellsWithout() {
        Grid grid = new Grid(new double[] {1, 2}, new double[] {1, 2}, new double[][] {{-2, Double.NaN}, {5, 0}});

        ColourScale scale = ColourScale.spanning(grid, "v", Palette.BLUE_WHITE_RED);

        assertEquals(-2, scale.lower());
        assertEquals(5, scale.upper());
    }

    @Test
    void aSpanningColourScaleStillHasWidthForOneValueOrNone() {
        Grid constant = new Grid(new double[] {1, 2}, new double[] {1, 2}, new double[][] {{7, 7}, {7, Double.NaN}});
        double nan = Double.NaN;
        Grid empty = new Grid(new double[] {1, 2}, new double[] {1, 2}, new double[][] {{nan, nan}, {nan, nan}});

        ColourScale around = ColourScale.spanning(constant, "v", Palette.VIRIDIS);
        ColourScale unit = ColourScale.spanning(empty, "v", Palette.VIRIDIS);

        assertEquals(List.of(6.5, 7.5), List.of(around.lower(), around.upper()));
        assertEquals(List.of(0.0, 1.0), List.of(unit.lower(), unit.upper()));
    }

    @Test
    void aColourScaleNeedsIncreasingFiniteBounds() {
        rejected(() -> new ColourScale("v", Palette.VIRIDIS, 1, 1));
        rejected(() -> new ColourScale("v", Palette.VIRIDIS, 0, Double.NaN));
    }

    private static String rejected(Executable construction) {
        return assertThrows(IllegalArgumentException.class, construction).getMessage();
    }
}
