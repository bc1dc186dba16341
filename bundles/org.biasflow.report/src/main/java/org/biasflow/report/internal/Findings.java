package org.biasflow.report.internal;

import org.biasflow.analyzer.Threshold;
import org.biasflow.api.TargetLoss;

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
            return "not reached by " + TargetLoss.levelText(deepest);
        }
        return TargetLoss.levelText(log10Loss);
    }

    /** A level as written, e.g. "0.99", "0.1", "1": never rounded. */
    static String formatLevel(double level) {
        return java.math.BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }
}
