package org.biasflow.testing.faults.internal;

import java.util.Arrays;

import org.biasflow.api.Loss;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

@Component(service = Loss.class, property = {
        ServiceProperties.NAME + "=not-a-number",
        ServiceProperties.KIND + "=" + ServiceProperties.LOSS,
        ServiceProperties.DESCRIPTION + "=test fixture: returns NaN for every input" })
public class NotANumberLoss implements Loss {

    @Override
    public double evaluate(double[] margins, double[] weights, double[] curvature) {
        Arrays.fill(weights, Double.NaN);
        if (curvature != null) {
            Arrays.fill(curvature, Double.NaN);
        }
        return Double.NaN;
    }
}
