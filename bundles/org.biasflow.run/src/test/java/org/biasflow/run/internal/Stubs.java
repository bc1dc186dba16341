package org.biasflow.run.internal;

import java.lang.annotation.Annotation;

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

    static RunDefaults defaults(String integrator) {
        return new RunDefaults() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RunDefaults.class;
            }

            @Override
            public String integrator() {
                return integrator;
            }

            @Override
            public double relativeTolerance() {
                return 1e-10;
            }

            @Override
            public double absoluteTolerance() {
                return 1e-12;
            }

            @Override
            public String outputFolder() {
                return "runs";
            }
        };
    }
}
