package org.biasflow.testing.faults.internal;

import org.biasflow.api.Loss;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A drop-in caught in an endless loop: an evaluation never returns, deaf to interrupts and to cancellation. Only the
 * component's deactivation (its bundle stopped or removed) ends the loop, so that a test can clean up after it.
 */
@Component(service = Loss.class, property = {
        ServiceProperties.NAME + "=spinning",
        ServiceProperties.KIND + "=" + ServiceProperties.LOSS,
        ServiceProperties.DESCRIPTION + "=test fixture: an evaluation loops until the bundle stops" })
public class SpinningLoss implements Loss {

    private volatile boolean active = true;

    @Deactivate
    void deactivate() {
        active = false;
    }

    @Override
    public double evaluate(double[] margins, double[] weights, double[] curvature) {
        while (active) {
            Thread.onSpinWait();
        }
        return Double.NaN;
    }
}
