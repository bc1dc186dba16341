package org.biasflow.report.internal;

import java.util.List;

import org.biasflow.analyzer.Threshold;

/** The numbers the report states, each computed from the sweep table (or the threshold theory) alone. */
final class Findings {

    private Findings() {
    }

    /**
     * log10 ε of the first checkpoint of the trajectory at which {@code column} reaches {@code level} (from below
     * when {@code rising}, from above otherwise), or NaN when it never does.
     */
    static double firstCrossing(SweepTable table, double alpha, int depth, String column, double level,
            boolean rising) {
        List<SweepTable.Row> trajectory = table.trajectory(alpha, depth);
        for (SweepTable.Row row : trajectory) {
            double value = table.value(row, column);
            if (rising ? value >= level : value <= level) {
                return row.log10Loss();
            }
        }
        return Double.NaN;
    }

    /** The smallest log10 ε the trajectory reached. */
    static double deepest(SweepTable table, double alpha, int depth) {
        return table.trajectory(alpha, depth).stream().mapToDouble(SweepTable.Row::log10Loss).min()
                .orElse(Double.NaN);
    }

    /** The rich-side threshold of the theory for scale α, from the μ* found once for the data and depth. */
    static double predictedRichLog10Loss(Threshold atUnitScale, double alpha) {
        return atUnitScale.richReached() ? Threshold.log10Loss(alpha, atUnitScale.depth(), atUnitScale.richMu())
                : Double.NaN;
    }

    /** How a log10 ε reads in the report: "1e-123.4", or why there is none. */
    static String describe(double log10Loss, double deepest) {
        if (Double.isNaN(log10Loss)) {
            return "not reached by 1e" + format(deepest);
        }
        return "1e" + format(log10Loss);
    }

    static String format(double log10) {
        if (Math.abs(log10 - Math.rint(log10)) < 1e-6) {
            return Long.toString(Math.round(log10));
        }
        return String.format(java.util.Locale.ROOT, "%.1f", log10);
    }
}
