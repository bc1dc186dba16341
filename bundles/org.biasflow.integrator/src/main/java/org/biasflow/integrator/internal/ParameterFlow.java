package org.biasflow.integrator.internal;

import org.biasflow.api.Network;

/**
 * The flow of any network in its own parameters: dw/dτ = Jᵀ(w)·X̃ᵀp, du/dτ = ‖dw/dτ‖². Its Jacobian comes from
 * finite differences, P + 1 evaluations each, so it suits small networks or checks of the structured path.
 */
final class ParameterFlow extends ReparametrizedFlow {
    private final Network network;
    private final double[] beta;
    private final double[] gradient;

    ParameterFlow(Network network, Objective objective, Counters counters) {
        super(objective, counters, network.parameterCount());
        this.network = network;
        this.beta = new double[objective.dimension];
        this.gradient = new double[core];
    }

    @Override
    double[] initialState() {
        double[] w = network.initialParameters();
        double[] y = new double[dimension()];
        System.arraycopy(w, 0, y, 0, core);
        return y;
    }

    @Override
    double field(double[] y, double[] out) {
        network.predictor(y, beta);
        if (!objective.evaluate(beta, false)) {
            return Double.NaN;
        }
        network.pullback(y, objective.direction, gradient);
        double rate = 0.0;
        for (int i = 0; i < core; i++) {
            out[i] = gradient[i];
            rate += gradient[i] * gradient[i];
        }
        if (!Double.isFinite(rate)) {
            fail("the model's pullback returned a non-finite gradient");
            return Double.NaN;
        }
        return rate;
    }

    @Override
    boolean jacobian(double[] y, double[][] jacobian) {
        counters.jacobians++;
        return finiteDifferenceJacobian(y, jacobian);
    }

    @Override
    double[] beta(double[] y) {
        double[] result = new double[objective.dimension];
        network.predictor(y, result);
        return result;
    }

    @Override
    double[] parameters(double[] y) {
        return java.util.Arrays.copyOf(y, core);
    }
}
