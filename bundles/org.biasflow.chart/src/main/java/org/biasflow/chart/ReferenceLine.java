package org.biasflow.chart;

import java.util.Objects;

/**
 * A straight labelled line across a chart at a fixed value, such as a threshold of 0.9 or a theory's prediction.
 *
 * @param label written next to the line; may be empty
 */
public record ReferenceLine(Direction direction, double value, String label) {
    public enum Direction {
        /** A vertical line at x = value. */
        AT_X,
        /** A horizontal line at y = value. */
        AT_Y
    }

    public ReferenceLine {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(label, "label");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("reference line \"" + label + "\" is at the non-finite value " + value);
        }
    }

    public static ReferenceLine atX(double x, String label) {
        return new ReferenceLine(Direction.AT_X, x, label);
    }

    public static ReferenceLine atY(double y, String label) {
        return new ReferenceLine(Direction.AT_Y, y, label);
    }

    void requireShowableOn(Axis xAxis, Axis yAxis) {
        Axis crossed = direction == Direction.AT_X ? xAxis : yAxis;
        crossed.requireShowable(value, "reference line \"" + label + "\"");
    }
}
