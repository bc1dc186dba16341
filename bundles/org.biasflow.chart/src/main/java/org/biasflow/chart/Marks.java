package org.biasflow.chart;

/** How a series' points are drawn. */
public enum Marks {
    /** Points joined in the given order, without markers. */
    LINES,
    /** Markers only: a scatter plot. */
    POINTS,
    LINES_AND_POINTS
}
