package org.biasflow.model.diagonal.internal;

import org.biasflow.api.MirrorMap;
import org.biasflow.linalg.StrictFunctions;

/**
 * Depth D &gt; 2: with a± = w±(0)^{2−D}, c = D(D−2) and k = D/(D−2), w₊^{2−D} = a₊ − cs and
 * w₋^{2−D} = a₋ + cs, so β = (a₊ − cs)^{−k} − (a₋ + cs)^{−k}, defined while both bases stay positive.
 *
 * <p>Differences of powers of the two bases are evaluated as 2·e^{j(l₊+l₋)/2}·sinh(j(l₊−l₋)/2) with
 * l± = −ln(base±) and l₊ − l₋ from log1p, which keeps full relative accuracy where the two powers nearly cancel
 * (small s, or a large α).
 */
final class PowerMirror implements MirrorMap {
    private final double[] positiveBase;
    private final double[] negativeBase;
    private final double exponent;
    private final double rate;
    private final double root;

    PowerMirror(int depth, double[] positiveInit, double[] negativeInit) {
        int d = positiveInit.length;
        rate = depth * (depth - 2.0);
        exponent = depth / (depth - 2.0);
        root = -1.0 / (depth - 2.0);
        positiveBase = new double[d];
        negativeBase = new double[d];
        for (int i = 0; i < d; i++) {
            positiveBase[i] = Math.pow(positiveInit[i], 2.0 - depth);
            negativeBase[i] = Math.pow(negativeInit[i], 2.0 - depth);
        }
    }

    @Override
    public boolean predictor(double[] s, double[] beta, double[] slope, double[] curvature) {
        return predictor(s, null, beta, slope, curvature);
    }

    /**
     * The bases a± ∓ c·s are formed with one rounding each (a fused multiply-add on sHigh): late in a flow at a
     * small scale they are tiny next to a± and c·s, and rounding c·s first would leave them only a few digits.
     */
    @Override
    public boolean predictor(double[] sHigh, double[] sLow, double[] beta, double[] slope, double[] curvature) {
        double k = exponent;
        for (int i = 0; i < sHigh.length; i++) {
            double low = sLow == null ? 0.0 : sLow[i];
            double plus = Math.fma(-rate, sHigh[i], positiveBase[i]) - rate * low;
            double minus = Math.fma(rate, sHigh[i], negativeBase[i]) + rate * low;
            if (!(plus > 0) || !(minus > 0)) {
                return false;
            }
            double mean = -0.5 * (Math.log(plus) + Math.log(minus));
            double gap = Math.fma(2 * rate, sHigh[i], negativeBase[i] - positiveBase[i]) + 2 * rate * low;
            double halfGap = 0.5 * StrictFunctions.log1p(gap / plus);
            beta[i] = 2 * Math.exp(k * mean) * StrictFunctions.sinh(k * halfGap);
            if (slope != null) {
                slope[i] = k * rate * 2 * Math.exp((k + 1) * mean) * StrictFunctions.cosh((k + 1) * halfGap);
            }
            if (curvature != null) {
                curvature[i] = k * (k + 1) * rate * rate * 2 * Math.exp((k + 2) * mean)
                        * StrictFunctions.sinh((k + 2) * halfGap);
            }
        }
        return true;
    }

    @Override
    public void parameters(double[] s, double[] parameters) {
        int d = s.length;
        for (int i = 0; i < d; i++) {
            parameters[i] = Math.pow(positiveBase[i] - rate * s[i], root);
            parameters[d + i] = Math.pow(negativeBase[i] + rate * s[i], root);
        }
    }
}
