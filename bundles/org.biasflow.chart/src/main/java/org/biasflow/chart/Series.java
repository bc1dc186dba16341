package org.biasflow.chart;

import java.util.Objects;

/** A named sequence of (x, y) points, shown in the legend under its name. Immutable. */
public final class Series {
    private final String name;
    private final Marks marks;
    private final double[] x;
    private final double[] y;

    /**
     * @param x finite x values, copied
     * @param y finite y values, one for each x, copied
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or hold a non-finite value
     */
    public Series(String name, Marks marks, double[] x, double[] y) {
        this.name = Objects.requireNonNull(name, "name");
        this.marks = Objects.requireNonNull(marks, "marks");
        this.x = x.clone();
        this.y = y.clone();
        if (this.x.length != this.y.length) {
            throw new IllegalArgumentException(
                    "series \"" + name + "\" has " + this.x.length + " x values but " + this.y.length + " y values");
        }
        if (this.x.length == 0) {
            throw new IllegalArgumentException("series \"" + name + "\" has no points");
        }
        for (int i = 0; i < this.x.length; i++) {
            if (!Double.isFinite(this.x[i]) || !Double.isFinite(this.y[i])) {
                throw new IllegalArgumentException("series \"" + name + "\" has the non-finite point ("
                        + this.x[i] + ", " + this.y[i] + ") at index " + i);
            }
        }
    }

    public static Series line(String name, double[] x, double[] y) {
        return new Series(name, Marks.LINES, x, y);
    }

    public static Series points(String name, double[] x, double[] y) {
        return new Series(name, Marks.POINTS, x, y);
    }

    public String name() {
        return name;
    }

    public Marks marks() {
        return marks;
    }

    public int size() {
        return x.length;
    }

    public double x(int index) {
        return x[index];
    }

    public double y(int index) {
        return y[index];
    }

    /** Rejects this series when one of its points cannot be shown on the given axes. */
    void requireShowableOn(Axis xAxis, Axis yAxis) {
        for (int i = 0; i < x.length; i++) {
            xAxis.requireShowable(x[i], "x of series \"" + name + "\" at index " + i);
            yAxis.requireShowable(y[i], "y of series \"" + name + "\" at index " + i);
        }
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + marks + ", " + x.length + " points]";
    }
}
