package org.biasflow.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.biasflow.chart.internal.ChartRendering;
import org.biasflow.chart.internal.StagedFiles;

/**
 * Writes a chart as a PNG image and an SVG drawing of the same size.
 *
 * <p>Both files are drawn in memory and written to temporary files first; only when both are complete are they
 * renamed over their targets, each in one atomic step. A failure leaves no temporary file and existing files as
 * they were. Drawing needs no display: AWT is put in headless mode unless the JVM was told otherwise.
 */
public final class ChartFiles {
    public static final int DEFAULT_WIDTH = 900;
    public static final int DEFAULT_HEIGHT = 600;

    private ChartFiles() {
    }

    /** Writes {@code chart} at {@value #DEFAULT_WIDTH} × {@value #DEFAULT_HEIGHT} pixels. */
    public static void write(Chart chart, Path pngFile, Path svgFile) throws IOException {
        write(chart, pngFile, svgFile, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Writes {@code chart} at {@code width} × {@code height} pixels (SVG user units), creating parent directories.
     *
     * @throws IllegalArgumentException when the size is not positive or both paths name the same file
     * @throws IOException when a file cannot be written; existing files are then left as they were
     */
    public static void write(Chart chart, Path pngFile, Path svgFile, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a chart needs a positive size, got " + width + " × " + height);
        }
        ChartRendering rendering = ChartRendering.of(chart, width, height);
        StagedFiles.replaceTogether(List.of(
                new StagedFiles.Content(pngFile, rendering.png()),
                new StagedFiles.Content(svgFile, rendering.svg())));
    }
}
