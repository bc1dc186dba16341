package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.biasflow.chart.Axis;
import org.biasflow.chart.Chart;
import org.biasflow.chart.ChartFiles;
import org.biasflow.chart.ColourScale;
import org.biasflow.chart.Grid;
import org.biasflow.chart.HeatMap;
import org.biasflow.chart.LineChart;
import org.biasflow.chart.Palette;
import org.biasflow.chart.ReferenceLine;
import org.biasflow.chart.Series;

/** The report's plots, drawn from a sweep table. */
final class Figures {

    static final String LOG10_INVERSE_LOSS = "log10(1/ε)  (ε: training loss)";

    private Figures() {
    }

    /** A curve's name: "α = 0.100", with as many digits as tell the sweep's scales apart. */
    static String alphaLabel(SweepTable table, double alpha) {
        return "α = " + table.alphaText(alpha, 3);
    }

    /** A margin ratio against log10(1/ε) on a log axis, one curve per α. */
    static Optional<LineChart> marginRatios(SweepTable table, int depth, String column, String norm, String dataSet) {
        return againstLoss(table, depth, column, norm + "-margin ratio γ/‖β‖ ÷ max margin, D = " + depth + " ("
                + dataSet + ")", norm + "-margin ratio (1 = " + norm + " max margin)",
                List.of(ReferenceLine.atY(0.9, "0.9"), ReferenceLine.atY(0.99, "0.99")));
    }

    /** The relative distance of β̂ to a prediction against log10(1/ε) on a log axis, one curve per α. */
    static Optional<LineChart> distances(SweepTable table, int depth, String column, String reference,
            String dataSet) {
        return againstLoss(table, depth, column,
                "distance to the " + reference + " prediction against ε, D = " + depth + " (" + dataSet + ")",
                "‖β̂ − β_" + reference + "‖ / ‖β_" + reference + "‖",
                List.of(ReferenceLine.atY(0.1, "0.1")));
    }

    /** A column against log10(1/ε) on a log axis, one curve per α; empty when no checkpoint has a value. */
    private static Optional<LineChart> againstLoss(SweepTable table, int depth, String column, String title,
            String valueLabel, List<ReferenceLine> references) {
        List<Series> curves = new ArrayList<>();
        for (double alpha : table.alphas()) {
            List<double[]> points = new ArrayList<>();
            for (SweepTable.Row row : table.trajectory(alpha, depth)) {
                double value = table.value(row, column);
                if (row.log10Loss() < 0 && Double.isFinite(value)) {
                    points.add(new double[] {-row.log10Loss(), value});
                }
            }
            if (!points.isEmpty()) {
                curves.add(Series.line(alphaLabel(table, alpha), xs(points), ys(points)));
            }
        }
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LineChart(title, Axis.log10(LOG10_INVERSE_LOSS), Axis.linear(valueLabel), curves,
                references));
    }

    /**
     * The phase diagram over (log10 α, log10 log10(1/ε)) coloured by a relative distance, with the theory's
     * boundary log(1/ε) = α^D, i.e. log10 log10(1/ε) = D·log10 α − log10(ln 10).
     */
    static HeatMap phaseDiagram(SweepTable table, int depth, String column, String reference, String dataSet) {
        double[] x = table.alphas().stream().mapToDouble(Math::log10).sorted().toArray();
        TreeSet<Double> levels = new TreeSet<>();
        for (SweepTable.Row row : table.rows()) {
            if (row.depth() == depth && row.log10Loss() < 0) {
                levels.add(level(row.log10Loss()));
            }
        }
        double[] y = levels.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] values = new double[x.length][y.length];
        for (double[] cells : values) {
            java.util.Arrays.fill(cells, Double.NaN);
        }
        for (SweepTable.Row row : table.rows()) {
            if (row.depth() == depth && row.log10Loss() < 0) {
                int i = java.util.Arrays.binarySearch(x, Math.log10(row.alpha()));
                int j = java.util.Arrays.binarySearch(y, level(row.log10Loss()));
                values[i][j] = table.value(row, column);
            }
        }
        Grid grid = new Grid(x, y, values);
        double[] boundaryX = {x[0], x[x.length - 1]};
        double[] boundaryY = {depth * x[0] - Math.log10(Math.log(10)), depth * x[x.length - 1] - Math.log10(Math.log(10))};
        return new HeatMap("distance to the " + reference + " prediction, D = " + depth + " (" + dataSet + ")",
                Axis.linear("log10 α  (initialization scale)"), Axis.linear("log10 log10(1/ε)"), grid,
                new ColourScale("‖β̂ − β_" + reference + "‖ / ‖β_" + reference + "‖", Palette.VIRIDIS, 0, 1),
                List.of(Series.line("theory's boundary log(1/ε) = α^" + depth, boundaryX, boundaryY)));
    }

    /** log10 log10(1/ε), rounded so that checkpoints of one target share a cell. */
    static double level(double log10Loss) {
        return Math.rint(Math.log10(-log10Loss) * 1e6) / 1e6 + 0.0; // + 0.0 turns −0.0 into 0.0
    }

    /** The distance to the Q_μ prediction against μ = α^D/γ, one curve per α: the intermediate regime. */
    static Optional<LineChart> intermediate(SweepTable table, int depth, String dataSet) {
        List<Series> curves = new ArrayList<>();
        for (double alpha : table.alphas()) {
            List<double[]> points = new ArrayList<>();
            for (SweepTable.Row row : table.trajectory(alpha, depth)) {
                double mu = table.value(row, "mu");
                double distance = table.value(row, "qmu_distance");
                if (mu > 0 && distance > 0 && Double.isFinite(mu) && Double.isFinite(distance)) {
                    points.add(new double[] {mu, distance});
                }
            }
            if (!points.isEmpty()) {
                curves.add(Series.points(alphaLabel(table, alpha), xs(points), ys(points)));
            }
        }
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LineChart("distance from β̂ to the Q_μ prediction, D = " + depth + " (" + dataSet + ")",
                Axis.log10("μ = α^D / γ"), Axis.log10("‖β̂ − β_Qμ‖ / ‖β_Qμ‖"), curves));
    }

    /** Writes {@code folder/name.png} and {@code name.svg}; returns the PNG's and SVG's names. */
    static String[] write(Chart chart, Path folder, String name) throws IOException {
        ChartFiles.write(chart, folder.resolve(name + ".png"), folder.resolve(name + ".svg"));
        return new String[] {name + ".png", name + ".svg"};
    }

    private static double[] xs(List<double[]> points) {
        return points.stream().mapToDouble(p -> p[0]).toArray();
    }

    private static double[] ys(List<double[]> points) {
        return points.stream().mapToDouble(p -> p[1]).toArray();
    }
}
