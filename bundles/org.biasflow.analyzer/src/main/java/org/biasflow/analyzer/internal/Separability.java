package org.biasflow.analyzer.internal;

import org.biasflow.api.DataSet;
import org.biasflow.data.Inseparable;

/** The one message every solver gives when the margin constraints X̃β ≥ 1 have no solution. */
final class Separability {
    private static final String CONSEQUENCE = "so max-margin references and regime predictions do not exist";

    private Separability() {
    }

    static IllegalArgumentException notSeparable() {
        return new IllegalArgumentException("the data are not linearly separable: no predictor beta has every "
                + "margin y_n <x_n, beta> positive, " + CONSEQUENCE);
    }

    /**
     * Refuses data that points show to be inseparable by themselves, naming them, before a solver finds only that no
     * solution exists.
     */
    static void refuseInseparablePoints(DataSet data) {
        int zero = Inseparable.zeroPoint(data);
        if (zero >= 0) {
            throw new IllegalArgumentException(data.source() + ": point " + (zero + 1) + " has every feature 0, so"
                    + " its margin is 0 whatever beta: the data are not linearly separable, " + CONSEQUENCE
                    + "; remove the point");
        }
        int[] pair = Inseparable.oppositePair(data);
        if (pair != null) {
            throw new IllegalArgumentException(data.source() + ": points " + (pair[0] + 1) + " and " + (pair[1] + 1)
                    + " have the same features and opposite labels, so no beta gives both a positive margin: the data"
                    + " are not linearly separable, " + CONSEQUENCE + "; remove one of the two points");
        }
    }
}
