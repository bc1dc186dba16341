package org.biasflow.chart;

import static org.biasflow.chart.ChartFileChecks.decodePng;
import static org.biasflow.chart.ChartFileChecks.filesIn;
import static org.biasflow.chart.ChartFileChecks.greyVariance;
import static org.biasflow.chart.ChartFileChecks.parseSvg;
import static org.biasflow.chart.ChartFileChecks.svgTexts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class ChartFilesTest {
    /** Clearly more than anti-aliasing noise on a white page, far less than any drawn chart. */
    private static final double NOT_BLANK = 100;

    @TempDir
    Path directory;

    @Test
    void writesALineChartAsAPngOfTheDefaultSizeThatIsNotBlank() throws IOException {
        Path png = directory.resolve("margins.png");

        ChartFiles.write(marginRatios(), png, directory.resolve("margins.svg"));

        BufferedImage image = decodePng(png);
        assertEquals(ChartFiles.DEFAULT_WIDTH, image.getWidth());
        assertEquals(ChartFiles.DEFAULT_HEIGHT, image.getHeight());
        assertTrue(greyVariance(image) > NOT_BLANK, "grey variance " + greyVariance(image));
    }

    @Test
    void writesTheRequestedSizeAndCreatesParentDirectories() throws Exception {
        Path png = directory.resolve("plots/small/margins.png");
        Path svg = directory.resolve("plots/vector/margins.svg");

        ChartFiles.write(marginRatios(), png, svg, 640, 400);

        BufferedImage image = decodePng(png);
        assertEquals(640, image.getWidth());
        assertEquals(400, image.getHeight());
        Element root = parseSvg(svg).getDocumentElement();
        assertEquals(640, Double.parseDouble(root.getAttribute("width")));
        assertEquals(400, Double.parseDouble(root.getAttribute("height")));
    }

    @Test
    void writesALineChartSvgNamingTheTitleAxesSeriesAndReferenceLines() throws Exception {
        Path svg = directory.resolve("margins.svg");

        ChartFiles.write(marginRatios(), directory.resolve("margins.png"), svg);

        List<String> texts = svgTexts(svg);
        for (String expected : List.of("ℓ1-margin ratio vs log10(1/ε)", "log10(1/ε)", "ℓ1-margin ratio", "α = 0.01",
                "α = 1", "α = 100", "0.99 of the ℓ1 margin")) {
            assertTrue(texts.contains(expected), "no text \"" + expected + "\" in " + texts);
        }
    }

    @Test
    void writesAHeatMapWithItsColourBarAndOverlaysNamed() throws Exception {
        Path png = directory.resolve("phase.png");
        Path svg = directory.resolve("phase.svg");

        ChartFiles.write(phaseDiagram(), png, svg);

        BufferedImage image = decodePng(png);
        assertEquals(ChartFiles.DEFAULT_WIDTH, image.getWidth());
        assertTrue(greyVariance(image) > NOT_BLANK, "grey variance " + greyVariance(image));
        List<String> texts = svgTexts(svg);
        for (String expected : List.of("distance to the ℓ1 prediction", "log10 α", "log10 log10(1/ε)",
                "‖β̂ − β_ℓ1‖ / ‖β_ℓ1‖", "theory: log(1/ε) = α^2", "theory: log(1/ε) = α^3")) {
            assertTrue(texts.contains(expected), "no text \"" + expected + "\" in " + texts);
        }
    }

    @Test
    void drawsAHeatMapWithoutOverlaysOnLogAxes() throws Exception {
        Grid grid = new Grid(new double[] {1e-3, 1e-2, 1, 1e3}, new double[] {1, 10, 100},
                new double[][] {{0, 1, 2}, {Double.NaN, 1, 2}, {1, 2, 3}, {2, 3, Double.NaN}});
        HeatMap heatMap = new HeatMap("uneven log grid", Axis.log10("α"), Axis.log10("log10(1/ε)"), grid,
                ColourScale.spanning(grid, "value (1)", Palette.BLUE_WHITE_RED));
        Path png = directory.resolve("log.png");
        Path svg = directory.resolve("log.svg");

        ChartFiles.write(heatMap, png, svg);

        assertTrue(greyVariance(decodePng(png)) > NOT_BLANK);
        assertTrue(svgTexts(svg).contains("value (1)"));
    }

    @Test
    void drawsTheSameChartToTheSameBytes() throws IOException {
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");

        ChartFiles.write(phaseDiagram(), first.resolve("phase.png"), first.resolve("phase.svg"));
        ChartFiles.write(phaseDiagram(), second.resolve("phase.png"), second.resolve("phase.svg"));

        assertArrayEquals(Files.readAllBytes(first.resolve("phase.png")), Files.readAllBytes(second.resolve("phase.png")));
        assertEquals(Files.readString(first.resolve("phase.svg")), Files.readString(second.resolve("phase.svg")));
    }

    @Test
    void replacesExistingFilesAndLeavesNoTemporaryFile() throws Exception {
        Path png = directory.resolve("margins.png");
        Path svg = directory.resolve("margins.svg");
        Files.writeString(png, "old");
        Files.writeString(svg, "old");

        ChartFiles.write(marginRatios(), png, svg);

        assertEquals(List.of(png, svg), filesIn(directory));
        decodePng(png);
        svgTexts(svg);
    }

    @Test
    void keepsTheExistingPngAndNoTemporaryFileWhenTheSvgCannotBeWritten() throws IOException {
        Path png = directory.resolve("margins.png");
        Path blocker = directory.resolve("not-a-directory");
        Files.writeString(png, "old");
        Files.writeString(blocker, "a file where the svg's directory should be");

        assertThrows(IOException.class, () -> ChartFiles.write(marginRatios(), png, blocker.resolve("margins.svg")));

        assertEquals("old", Files.readString(png));
        assertEquals(List.of(png, blocker), filesIn(directory));
    }

    @Test
    void rejectsOneFileForBothDrawings() throws IOException {
        Path file = directory.resolve("chart");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> ChartFiles.write(marginRatios(), file, directory.resolve(".").resolve("chart")));

        assertTrue(thrown.getMessage().contains("named twice"), thrown.getMessage());
        assertEquals(List.of(), filesIn(directory));
    }

    @Test
    void rejectsASizeWithoutPixels() {
        assertThrows(IllegalArgumentException.class,
                () -> ChartFiles.write(marginRatios(), directory.resolve("a.png"), directory.resolve("a.svg"), 0, 600));
    }

    /** The report's first plot, with made-up curves. */
    static LineChart marginRatios() {
        List<Series> curves = new ArrayList<>();
        for (double alpha : new double[] {0.01, 1, 100}) {
            double[] x = new double[12];
            double[] y = new double[12];
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.pow(10, i * 0.5);
                y[i] = 1 - Math.exp(-x[i] / (alpha * alpha + 1));
            }
            curves.add(Series.line("α = " + (alpha == (int) alpha ? String.valueOf((int) alpha) : String.valueOf(alpha)), x, y));
        }
        return new LineChart("ℓ1-margin ratio vs log10(1/ε)", Axis.log10("log10(1/ε)"), Axis.linear("ℓ1-margin ratio"),
                curves, List.of(ReferenceLine.atY(0.99, "0.99 of the ℓ1 margin")));
    }

    /** The report's phase diagram, with made-up distances and checkpoints that are not evenly spaced. */
    static HeatMap phaseDiagram() {
        double[] logAlpha = new double[13];
        for (int i = 0; i < logAlpha.length; i++) {
            logAlpha[i] = -3 + 0.5 * i;
        }
        double[] logLogInverseEps = {0, Math.log10(2), Math.log10(3), Math.log10(5), 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5};
        double[][] distance = new double[logAlpha.length][logLogInverseEps.length];
        for (int i = 0; i < logAlpha.length; i++) {
            for (int j = 0; j < logLogInverseEps.length; j++) {
                double boundary = 2 * logAlpha[i] - Math.log10(Math.log(10));
                distance[i][j] = i == 12 && j > 10 ? Double.NaN : 1 / (1 + Math.exp(3 * (logLogInverseEps[j] - boundary)));
            }
        }
        Grid grid = new Grid(logAlpha, logLogInverseEps, distance);
        return new HeatMap("distance to the ℓ1 prediction", Axis.linear("log10 α"), Axis.linear("log10 log10(1/ε)"), grid,
                new ColourScale("‖β̂ − β_ℓ1‖ / ‖β_ℓ1‖", Palette.VIRIDIS, 0, 1),
                List.of(boundary(2, logAlpha), boundary(3, logAlpha)));
    }

    /** log(1/ε) = α^D, that is log10 log10(1/ε) = D log10 α − log10 ln 10. */
    private static Series boundary(int depth, double[] logAlpha) {
        double[] y = new double[logAlpha.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = depth * logAlpha[i] - Math.log10(Math.log(10));
        }
        return Series.line("theory: log(1/ε) = α^" + depth, logAlpha, y);
    }
}
