package org.biasflow.testing.faults.internal;

import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

@Component(service = Model.class, property = {
        ServiceProperties.NAME + "=null-pointer",
        ServiceProperties.KIND + "=" + ServiceProperties.MODEL,
        ServiceProperties.DESCRIPTION + "=test fixture: create() throws a NullPointerException" })
public class NullPointerModel implements Model {

    @Override
    public Network create(ModelSpec spec, int dimension) {
        String width = spec.options().get("width");
        throw new UnsupportedOperationException("never reached: the absent option's length is " + width.length());
    }
}
