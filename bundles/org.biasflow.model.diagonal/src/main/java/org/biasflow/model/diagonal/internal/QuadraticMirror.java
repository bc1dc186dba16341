package org.biasflow.model.diagonal.internal;

import org.biasflow.api.MirrorMap;
import org.biasflow.linalg.StrictFunctions;

/**
 * Depth 2: w± = α u± e^{±2s}, so β = 2α²u₊u₋ sinh(4s + ln(u₊/u₋)). Forming w₊² − w₋² instead would cancel
 * catastrophically for large α, where β is tiny next to either square.
 */
final class QuadraticMirror implements MirrorMap {
    private final double[] positiveInit;
    private final double[] negativeInit;
    private final double[] amplitude;
    private final double[] offset;

    QuadraticMirror(double[] positiveInit, double[] negativeInit) {
        this.positiveInit = positiveInit;
        this.negativeInit = negativeInit;
        int d = positiveInit.length;
        amplitude = new double[d];
        offset = new double[d];
        for (int i = 0; i < d; i++) {
            amplitude[i] = 2 * positiveInit[i] * negativeInit[i];
            offset[i] = Math.log(positiveInit[i] / negativeInit[i]);
        }
    }

    @Override
    public boolean predictor(double[] s, double[] beta, double[] slope, double[] curvature) {
        for (int i = 0; i < s.length; i++) {
            double argument = 4 * s[i] + offset[i];
            beta[i] = amplitude[i] * StrictFunctions.sinh(argument);
            if (slope != null) {
                slope[i] = 4 * amplitude[i] * StrictFunctions.cosh(argument);
            }
            if (curvature != null) {
                curvature[i] = 16 * beta[i];
            }
        }
        return true;
    }

    @Override
    public void parameters(double[] s, double[] parameters) {
        int d = s.length;
        for (int i = 0; i < d; i++) {
            parameters[i] = positiveInit[i] * Math.exp(2 * s[i]);
            parameters[d + i] = negativeInit[i] * Math.exp(-2 * s[i]);
        }
    }
}
