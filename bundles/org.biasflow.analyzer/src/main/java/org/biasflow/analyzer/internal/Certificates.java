package org.biasflow.analyzer.internal;

/** The pieces of a margin problem's certificate, measured the same way for every solver. */
final class Certificates {
    private Certificates() {
    }

    /** max(0, 1 − minₙ mₙ). */
    static double primalInfeasibility(double[] margins) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double m : margins) {
            smallest = Math.min(smallest, m);
        }
        return Math.max(0, 1 - smallest);
    }

    /** max(0, −minₙ λₙ). */
    static double negativePart(double[] lambda) {
        double worst = 0;
        for (double l : lambda) {
            worst = Math.max(worst, -l);
        }
        return worst;
    }

    /**
     * Σλₙ(mₙ − 1) / Σλₙ: for problems whose stationarity holds by construction of β from λ, the duality gap
     * relative to the dual objective's scale.
     */
    static double complementarityGap(double[] lambda, double[] margins) {
        double gap = 0;
        double scale = 0;
        for (int n = 0; n < margins.length; n++) {
            gap += lambda[n] * (margins[n] - 1);
            scale += lambda[n];
        }
        return scale > 0 ? gap / scale : gap;
    }
}
