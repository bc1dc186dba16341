package org.biasflow.chart;

import java.util.List;
import java.util.Objects;

/**
 * Named series of (x, y) points on two axes, with a legend, and optional reference lines.
 *
 * @throws IllegalArgumentException when there is no series, two series share a name, or a point or reference line
 *         lies where a log axis cannot show it
 */
public record LineChart(String title, Axis x, Axis y, List<Series> series, List<ReferenceLine> referenceLines)
        implements Chart {
    public LineChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        series = List.copyOf(series);
        referenceLines = List.copyOf(referenceLines);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("line chart \"" + title + "\" has no series");
        }
        Legends.requireDistinctNames(series, "line chart \"" + title + "\"");
        for (Series one : series) {
            one.requireShowableOn(x, y);
        }
        for (ReferenceLine line : referenceLines) {
            line.requireShowableOn(x, y);
        }
    }

    public LineChart(String title, Axis x, Axis y, List<Series> series) {
        this(title, x, y, series, List.of());
    }
}
