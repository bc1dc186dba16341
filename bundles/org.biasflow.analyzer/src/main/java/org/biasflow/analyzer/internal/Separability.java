package org.biasflow.analyzer.internal;

/** The one message every solver gives when the margin constraints X̃β ≥ 1 have no solution. */
final class Separability {
    private Separability() {
    }

    static IllegalArgumentException notSeparable() {
        return new IllegalArgumentException("the data are not linearly separable: no predictor beta has every "
                + "margin y_n <x_n, beta> positive, so max-margin references and regime predictions do not exist");
    }
}
