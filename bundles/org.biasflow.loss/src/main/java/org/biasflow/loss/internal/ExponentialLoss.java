package org.biasflow.loss.internal;

import org.biasflow.api.Loss;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

/** ℓ(m) = exp(−m): ℓ, −ℓ' and ℓ'' coincide, so the weights are the softmax of −m and the curvature equals them. */
@Component(service = Loss.class, property = {
        ServiceProperties.NAME + "=exponential",
        ServiceProperties.KIND + "=" + ServiceProperties.LOSS,
        ServiceProperties.DESCRIPTION + "=Exponential loss exp(-m), summed over the points" })
public class ExponentialLoss extends LogDomainLoss {

    @Override
    double logLoss(double margin) {
        return -margin;
    }

    @Override
    double logDescent(double margin) {
        return -margin;
    }

    @Override
    double logCurvature(double margin) {
        return -margin;
    }
}
