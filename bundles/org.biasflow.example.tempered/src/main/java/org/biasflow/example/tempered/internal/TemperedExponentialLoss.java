package org.biasflow.example.tempered.internal;

import org.biasflow.api.Loss;
import org.biasflow.api.ServiceProperties;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * ℓ(m) = T·exp(−m/T): the exponential loss at temperature T (T = 1 is the exponential loss itself). Its
 * temperature is configuration (PID {@code org.biasflow.example.tempered}), to show a drop-in bundle configured
 * from the same folder.
 */
@Component(service = Loss.class, configurationPid = "org.biasflow.example.tempered", property = {
        ServiceProperties.NAME + "=tempered-exponential",
        ServiceProperties.KIND + "=" + ServiceProperties.LOSS,
        ServiceProperties.DESCRIPTION + "=exponential loss at a temperature T: T exp(-m/T)" })
@Designate(ocd = TemperedExponentialLoss.Settings.class)
public class TemperedExponentialLoss implements Loss {

    @ObjectClassDefinition(name = "tempered exponential loss")
    @interface Settings {
        @AttributeDefinition(description = "temperature T > 0")
        double temperature() default 2.0;
    }

    private volatile double temperature = 2.0;

    @Activate
    @Modified
    void configure(Settings settings) {
        if (!(settings.temperature() > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + settings.temperature());
        }
        temperature = settings.temperature();
    }

    @Override
    public double evaluate(double[] margins, double[] weights, double[] curvature) {
        double t = temperature;
        double largest = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            largest = Math.max(largest, -m / t);
        }
        double sum = 0;
        for (int n = 0; n < margins.length; n++) {
            weights[n] = Math.exp(-margins[n] / t - largest);
            sum += weights[n];
        }
        // L = T·e^{largest}·sum, −ℓ'(m) = e^{−m/T}, ℓ''(m) = e^{−m/T}/T
        for (int n = 0; n < margins.length; n++) {
            weights[n] /= sum * t;
            if (curvature != null) {
                curvature[n] = weights[n] / t;
            }
        }
        return Math.log(t) + largest + Math.log(sum);
    }
}
