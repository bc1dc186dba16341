package org.biasflow.model.diagonal.internal;

import java.util.Optional;

import org.biasflow.api.MirrorMap;
import org.biasflow.api.Network;

/** Parameters laid out as w = (w₊, w₋), P = 2d. */
final class DiagonalNetwork implements Network {
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

    @Override
    public void predictor(double[] parameters, double[] beta) {
        int d = positiveInit.length;
        for (int i = 0; i < d; i++) {
            beta[i] = power(parameters[i], depth) - power(parameters[d + i], depth);
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
        return type == MirrorMap.class ? Optional.of(type.cast(mirror)) : Optional.empty();
    }

    private static double power(double base, int exponent) {
        return switch (exponent) {
            case 1 -> base;
            case 2 -> base * base;
            default -> Math.pow(base, exponent);
        };
    }
}
