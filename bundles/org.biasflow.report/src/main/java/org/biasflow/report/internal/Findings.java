package org.biasflow.report.internal;

import org.biasflow.analyzer.Threshold;

/** The numbers the report states, each computed from the sweep table (or the threshold theory) alone. */
final class Findings {

    private Findings() {
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

    /** A level as written, e.g. "0.99", "0.1", "1": never rounded. */
    static String formatLevel(double level) {
        return java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    static String format(double log10) {
        if (Math.abs(log10 - Math.rint(log10)) < 1e-6) {
            return Long.toString(Math.round(log10));
        }
        return String.format(java.util.Locale.ROOT, "%.1f", log10);
    }
}
