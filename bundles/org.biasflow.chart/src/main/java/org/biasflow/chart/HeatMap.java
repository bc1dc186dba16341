package org.biasflow.chart;

import java.util.List;
import java.util.Objects;

/**
 * A grid of coloured cells (a phase diagram) with a colour bar, and optional curves drawn over it, each named in
 * the legend. The axes span the grid's cells exactly; overlay parts outside them are cut off.
 *
 * @throws IllegalArgumentException when two overlays share a name, or a grid centre or overlay point lies where a
 *         log axis cannot show it
 */
public record HeatMap(String title, Axis x, Axis y, Grid grid, ColourScale colours, List<Series> overlays)
        implements Chart {
    public HeatMap {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(colours, "colours");
        overlays = List.copyOf(overlays);
        Legends.requireDistinctNames(overlays, "heat map \"" + title + "\"");
        grid.requireShowableOn(x, y);
        for (Series overlay : overlays) {
            overlay.requireShowableOn(x, y);
        }
    }

    public HeatMap(String title, Axis x, Axis y, Grid grid, ColourScale colours) {
        this(title, x, y, grid, colours, List.of());
    }
}
