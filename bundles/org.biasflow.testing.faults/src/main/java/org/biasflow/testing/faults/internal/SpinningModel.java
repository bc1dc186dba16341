package org.biasflow.testing.faults.internal;

import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A drop-in caught in an endless loop before any flow: create() never returns, deaf to interrupts and to
 * cancellation. Only the component's deactivation (its bundle stopped or removed) ends the loop.
 */
@Component(service = Model.class, property = {
        ServiceProperties.NAME + "=spinning-create",
        ServiceProperties.KIND + "=" + ServiceProperties.MODEL,
        ServiceProperties.DESCRIPTION + "=test fixture: create() loops until the bundle stops" })
public class SpinningModel implements Model {

    private volatile boolean active = true;

    @Deactivate
    void deactivate() {
        active = false;
    }

    @Override
    public Network create(ModelSpec spec, int dimension) {
        while (active) {
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the bundle stopped");
    }
}
