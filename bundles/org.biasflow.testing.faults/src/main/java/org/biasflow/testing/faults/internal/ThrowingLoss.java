package org.biasflow.testing.faults.internal;

import org.biasflow.api.Loss;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

@Component(service = Loss.class, property = {
        ServiceProperties.NAME + "=throwing",
        ServiceProperties.KIND + "=" + ServiceProperties.LOSS,
        ServiceProperties.DESCRIPTION + "=test fixture: throws on every evaluation" })
public class ThrowingLoss implements Loss {

    @Override
    public double evaluate(double[] margins, double[] weights, double[] curvature) {
        throw new IllegalStateException("this loss fails on purpose");
    }
}
