package org.biasflow.testing.faults.internal;

import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

@Component(service = Model.class, property = {
        ServiceProperties.NAME + "=short-parameters",
        ServiceProperties.KIND + "=" + ServiceProperties.MODEL,
        ServiceProperties.DESCRIPTION + "=test fixture: returns fewer initial parameters than it declares" })
public class ShortParametersModel implements Model {

    @Override
    public Network create(ModelSpec spec, int dimension) {
        return new Network() {
            @Override
            public int parameterCount() {
                return 2 * dimension;
            }

            @Override
            public double[] initialParameters() {
                return new double[dimension];
            }

            @Override
            public void predictor(double[] parameters, double[] beta) {
                System.arraycopy(parameters, 0, beta, 0, dimension);
            }

            @Override
            public void pullback(double[] parameters, double[] predictorGradient, double[] parameterGradient) {
                System.arraycopy(predictorGradient, 0, parameterGradient, 0, 2 * dimension);
            }
        };
    }
}
