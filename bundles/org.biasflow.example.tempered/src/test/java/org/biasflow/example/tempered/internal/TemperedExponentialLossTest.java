package org.biasflow.example.tempered.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class TemperedExponentialLossTest {

    private static TemperedExponentialLoss at(double temperature) {
        TemperedExponentialLoss loss = new TemperedExponentialLoss();
        loss.configure(new TemperedExponentialLoss.Settings() {
            @Override
            public double temperature() {
                return temperature;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return TemperedExponentialLoss.Settings.class;
            }
        });
        return loss;
    }

    @Test
    void matchesTheDefinitionWhereDoublesSuffice() {
        double[] margins = {0.5, 2.0, -1.0};
        double[] weights = new double[3];
        double[] curvature = new double[3];
        double t = 3.0;

        double logLoss = at(t).evaluate(margins, weights, curvature);

        double loss = 0;
        for (double m : margins) {
            loss += t * Math.exp(-m / t);
        }
        assertEquals(Math.log(loss), logLoss, 1e-14);
        for (int n = 0; n < 3; n++) {
            assertEquals(Math.exp(-margins[n] / t) / loss, weights[n], 1e-15);
            assertEquals(Math.exp(-margins[n] / t) / t / loss, curvature[n], 1e-15);
        }
    }

    @Test
    void staysFiniteForMarginsInTheMillions() {
        double[] weights = new double[2];
        double logLoss = at(2.0).evaluate(new double[] {2e6, 2e6 + 10}, weights, null);

        assertEquals(Math.log(2.0) - 1e6 + Math.log(1 + Math.exp(-5)), logLoss, 1e-9);
        assertEquals(0.5 / (1 + Math.exp(-5)), weights[0], 1e-15);
    }
}
