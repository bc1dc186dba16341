package org.biasflow.testing.faults.internal;

import org.biasflow.api.Loss;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

@Component(service = Loss.class, property = {
        ServiceProperties.NAME + "=failing-activation",
        ServiceProperties.KIND + "=" + ServiceProperties.LOSS,
        ServiceProperties.DESCRIPTION + "=test fixture: its activate method throws" })
public class FailingActivationLoss implements Loss {

    @Activate
    void activate() {
        throw new IllegalStateException("this component fails to activate on purpose");
    }

    @Override
    public double evaluate(double[] margins, double[] weights, double[] curvature) {
        return 0;
    }
}
