package org.biasflow.chart;

import java.util.Objects;

/**
 * How a heat map colours its values, shown as a labelled colour bar. Values outside {@code [lower, upper]} take
 * the colour of the nearer bound.
 *
 * @param label what the colours show, with units, written along the colour bar
 */
public record ColourScale(String label, Palette palette, double lower, double upper) {
    public ColourScale {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(palette, "palette");
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(lower < upper)) {
            throw new IllegalArgumentException("colour scale \"" + label + "\" needs finite bounds with lower < upper, got ["
                    + lower + ", " + upper + "]");
        }
    }

    /**
     * A scale from the least to the greatest value the grid has; a grid with a single distinct value gets a unit
     * interval around it, and one without data gets [0, 1].
     */
    public static ColourScale spanning(Grid grid, String label, Palette palette) {
        double least = Double.POSITIVE_INFINITY;
        double greatest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < grid.xCount(); i++) {
            for (int j = 0; j < grid.yCount(); j++) {
                double value = grid.value(i, j);
                if (!Double.isNaN(value)) {
                    least = Math.min(least, value);
                    greatest = Math.max(greatest, value);
                }
            }
        }
        if (least > greatest) {
            return new ColourScale(label, palette, 0, 1);
        }
        if (least == greatest) {
            return new ColourScale(label, palette, least - 0.5, least + 0.5);
        }
        return new ColourScale(label, palette, least, greatest);
    }
}
