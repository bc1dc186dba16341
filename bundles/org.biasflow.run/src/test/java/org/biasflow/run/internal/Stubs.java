package org.biasflow.run.internal;

import java.util.Map;

import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;

/** Stand-ins for the services and configuration the run engine is given in a framework. */
final class Stubs {

    private Stubs() {
    }

    static Network network(ModelSpec spec) {
        if (spec.alpha() <= 0) {
            throw new IllegalArgumentException("alpha must be positive, got " + spec.alpha());
        }
        return new Network() {
            @Override
            public int parameterCount() {
                return 4;
            }

            @Override
            public double[] initialParameters() {
                return new double[4];
            }

            @Override
            public void predictor(double[] parameters, double[] beta) {
            }

            @Override
            public void pullback(double[] parameters, double[] predictorGradient, double[] parameterGradient) {
            }
        };
    }

    /** The configuration a .cfg file naming only the default integrator would give. */
    static Map<String, Object> defaults(String integrator) {
        return Map.of(RunSettings.INTEGRATOR, integrator);
    }
}
