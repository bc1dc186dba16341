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

    /**
     * To a tenth, without a ".0": a checkpoint at 1e-100000 reaches log10 ε = −100000.0000012, and reads as the
     * level it was asked at.
     */
    static String format(double log10) {
        String tenths = String.format(java.util.Locale.ROOT, "%.1f", log10);
        if (!tenths.endsWith(".0")) {
            return tenths;
        }
        String whole = tenths.substring(0, tenths.length() - 2);
        return whole.equals("-0") ? "0" : whole;
    }
}
