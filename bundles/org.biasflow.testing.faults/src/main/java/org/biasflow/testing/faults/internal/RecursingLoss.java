package org.biasflow.testing.faults.internal;

import org.biasflow.api.Loss;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

@Component(service = Loss.class, property = {
        ServiceProperties.NAME + "=recursing",
        ServiceProperties.KIND + "=" + ServiceProperties.LOSS,
        ServiceProperties.DESCRIPTION + "=test fixture: recurses until the stack overflows" })
public class RecursingLoss implements Loss {

    @Override
    public double evaluate(double[] margins, double[] weights, double[] curvature) {
        return 1 + evaluate(margins, weights, curvature);
    }
}
