package org.biasflow.chart;

import java.util.Objects;

/**
 * One axis of a chart.
 *
 * @param label what the axis shows, with its units, e.g. {@code "log10(1/ε)"} or {@code "time (s)"}
 */
public record Axis(String label, AxisScale scale) {
    public Axis {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scale, "scale");
    }

    public static Axis linear(String label) {
        return new Axis(label, AxisScale.LINEAR);
    }

    public static Axis log10(String label) {
        return new Axis(label, AxisScale.LOG10);
    }

    /**
     * Rejects a value this axis cannot show, naming it so that the caller can find it.
     *
     * @param where what the value belongs to, e.g. {@code "series \"α = 1\" at index 3"}
     */
    void requireShowable(double value, String where) {
        if (scale == AxisScale.LOG10 && !(value > 0)) {
            throw new IllegalArgumentException("the log10 axis \"" + label + "\" cannot show " + value + " ("
                    + where + "): values on a log axis must be positive");
        }
    }
}
