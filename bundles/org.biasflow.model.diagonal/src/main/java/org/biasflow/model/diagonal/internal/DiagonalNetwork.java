package org.biasflow.model.diagonal.internal;

import java.util.Optional;

import org.biasflow.api.MirrorMap;
import org.biasflow.api.Network;
import org.biasflow.api.Tangents;

/** Parameters laid out as w = (w₊, w₋), P = 2d. */
final class DiagonalNetwork implements Network, Tangents {
    private final int depth;
    private final double[] positiveInit;
    private final double[] negativeInit;
    private final MirrorMap mirror;

    DiagonalNetwork(int depth, double[] positiveInit, double[] negativeInit) {
        this.depth = depth;
        this.positiveInit = positiveInit;
        this.negativeInit = negativeInit;
        this.mirror = depth == 2 ? new QuadraticMirror(positiveInit, negativeInit)
                : new PowerMirror(depth, positiveInit, negativeInit);
    }

    @Override
    public int parameterCount() {
        return 2 * positiveInit.length;
    }

    @Override
    public double[] initialParameters() {
        double[] w = new double[parameterCount()];
        System.arraycopy(positiveInit, 0, w, 0, positiveInit.length);
        System.arraycopy(negativeInit, 0, w, positiveInit.length, negativeInit.length);
        return w;
    }

    /**
     * β = (w₊ − w₋)·Σₖ w₊ᵏw₋^{D−1−k}: w₊^D − w₋^D would lose the digits that w₊ and w₋ share, all of them at a
     * large scale early in a flow, where β is tiny next to either power.
     */
    @Override
    public void predictor(double[] parameters, double[] beta) {
        int d = positiveInit.length;
        for (int i = 0; i < d; i++) {
            double plus = parameters[i];
            double minus = parameters[d + i];
            double sum = 0.0;
            double term = power(minus, depth - 1);
            double ratio = plus / minus;
            if (minus == 0.0 || !Double.isFinite(ratio)) {
                beta[i] = power(plus, depth) - power(minus, depth);
                continue;
            }
            for (int k = 0; k < depth; k++) {
                sum += term;
                term *= ratio;
            }
            beta[i] = (plus - minus) * sum;
        }
    }

    @Override
    public void pullback(double[] parameters, double[] predictorGradient, double[] parameterGradient) {
        int d = positiveInit.length;
        for (int i = 0; i < d; i++) {
            parameterGradient[i] = depth * power(parameters[i], depth - 1) * predictorGradient[i];
            parameterGradient[d + i] = -depth * power(parameters[d + i], depth - 1) * predictorGradient[i];
        }
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        if (type == MirrorMap.class) {
            return Optional.of(type.cast(mirror));
        }
        return type == Tangents.class ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public void tangent(double[] parameters, double[] direction, double[] betaTangent) {
        int d = positiveInit.length;
        for (int i = 0; i < d; i++) {
            betaTangent[i] = depth * (power(parameters[i], depth - 1) * direction[i]
                    - power(parameters[d + i], depth - 1) * direction[d + i]);
        }
    }

    @Override
    public void pullbackTangent(double[] parameters, double[] predictorGradient, double[] direction,
            double[] out) {
        int d = positiveInit.length;
        double factor = depth * (depth - 1.0);
        for (int i = 0; i < d; i++) {
            out[i] = factor * power(parameters[i], depth - 2) * direction[i] * predictorGradient[i];
            out[d + i] = -factor * power(parameters[d + i], depth - 2) * direction[d + i] * predictorGradient[i];
        }
    }

    private static double power(double base, int exponent) {
        return switch (exponent) {
            case 0 -> 1.0;
            case 1 -> base;
            case 2 -> base * base;
            default -> Math.pow(base, exponent);
        };
    }
}
