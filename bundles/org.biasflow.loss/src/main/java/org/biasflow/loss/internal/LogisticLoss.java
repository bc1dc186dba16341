package org.biasflow.loss.internal;

import org.biasflow.api.Loss;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Component;

/** ℓ(m) = log(1 + e^{−m}), with −ℓ'(m) = σ(−m) and ℓ''(m) = σ(m)σ(−m). */
@Component(service = Loss.class, property = {
        ServiceProperties.NAME + "=logistic",
        ServiceProperties.KIND + "=" + ServiceProperties.LOSS,
        ServiceProperties.DESCRIPTION + "=Logistic loss log(1+exp(-m)), summed over the points" })
public class LogisticLoss extends LogDomainLoss {

    @Override
    double logLoss(double margin) {
        if (margin <= 0) {
            return Math.log(softplus(-margin));
        }
        // ℓ = log1p(x) with x = e^{−m} ≤ 1: log ℓ = −m + log(log1p(x)/x), and the ratio tends to 1 as x → 0.
        double x = Math.exp(-margin);
        return x == 0 ? -margin : -margin + Math.log(Math.log1p(x) / x);
    }

    @Override
    double logDescent(double margin) {
        return -softplus(margin);
    }

    @Override
    double logCurvature(double margin) {
        return -softplus(margin) - softplus(-margin);
    }

    /** log(1 + e^z) without overflow: log σ(−z) = −softplus(z). */
    private static double softplus(double z) {
        return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
    }
}
