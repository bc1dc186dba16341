package org.biasflow.loss.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.biasflow.api.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LossTest {

    static Stream<LogDomainLoss> losses() {
        return Stream.of(new ExponentialLoss(), new LogisticLoss());
    }

    private static double directLoss(LogDomainLoss loss, double[] margins) {
        double sum = 0.0;
        for (double m : margins) {
            sum += loss instanceof ExponentialLoss ? Math.exp(-m) : Math.log1p(Math.exp(-m));
        }
        return sum;
    }

    @ParameterizedTest
    @MethodSource("losses")
    void moderateMarginsMatchTheDirectFormula(LogDomainLoss loss) {
        double[] margins = {-3.0, -0.5, 0.0, 0.7, 4.0, 12.0};
        double[] weights = new double[margins.length];
        double logL = loss.evaluate(margins, weights, null);
        assertEquals(Math.log(directLoss(loss, margins)), logL, 1e-14);
    }

    @ParameterizedTest
    @MethodSource("losses")
    void weightsAreTheNormalizedDerivativeAndCurvatureItsJacobian(LogDomainLoss loss) {
        double[] margins = {-2.0, -0.3, 0.4, 1.5, 3.0};
        int n = margins.length;
        double[] weights = new double[n];
        double[] curvature = new double[n];
        double logL = loss.evaluate(margins, weights, curvature);
        double h = 1e-5;
        for (int k = 0; k < n; k++) {
            double[] plus = margins.clone();
            double[] minus = margins.clone();
            plus[k] += h;
            minus[k] -= h;
            double[] weightsPlus = new double[n];
            double[] weightsMinus = new double[n];
            double logPlus = loss.evaluate(plus, weightsPlus, null);
            double logMinus = loss.evaluate(minus, weightsMinus, null);
            // d log L / dm_k = ℓ'(m_k)/L = −p_k
            assertEquals(-weights[k], (logPlus - logMinus) / (2 * h), 1e-9);
            for (int j = 0; j < n; j++) {
                double expected = weights[j] * weights[k] - (j == k ? curvature[j] : 0.0);
                assertEquals(expected, (weightsPlus[j] - weightsMinus[j]) / (2 * h), 1e-9, "dp" + j + "/dm" + k);
            }
        }
        assertTrue(Double.isFinite(logL));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void marginsInTheMillionsStayFiniteAndNormalized(LogDomainLoss loss) {
        double[] margins = {2.0e6, 2.0e6 + 1.0, 3.5e6, -1.0e6 + 3.0, -1.0e6};
        double[] weights = new double[margins.length];
        double[] curvature = new double[margins.length];
        double logL = loss.evaluate(margins, weights, curvature);
        for (int n = 0; n < margins.length; n++) {
            assertTrue(Double.isFinite(weights[n]) && Double.isFinite(curvature[n]));
        }
        if (loss instanceof ExponentialLoss) {
            assertEquals(1.0e6 + Math.log1p(Math.exp(-3.0)), logL, 1e-9);
            assertEquals(1.0 / (1.0 + Math.exp(-3.0)), weights[4], 1e-15);
            assertEquals(weights[4], curvature[4], 0.0);
        } else {
            assertEquals(Math.log(1.0e6 + (1.0e6 - 3.0)), logL, 1e-12);
            assertEquals(1.0 / 1.999997e6, weights[4], 1e-18);
        }

        double[] separated = {2.0e6, 2.0e6 + 1.0};
        double[] separatedWeights = new double[2];
        double logSeparated = loss.evaluate(separated, separatedWeights, null);
        assertEquals(-2.0e6 + Math.log1p(Math.exp(-1.0)), logSeparated, 1e-9);
        assertEquals(1.0 / (1.0 + Math.exp(-1.0)), separatedWeights[0], 1e-15);
    }

    @Test
    void logisticLogLossIsAccurateInBothTails() {
        LogisticLoss loss = new LogisticLoss();
        assertEquals(-40.0 - Math.exp(-40.0) / 2, loss.logLoss(40.0), 1e-15);
        assertEquals(-1.0e6, loss.logLoss(1.0e6), 0.0);
        double x = Math.exp(-5.0);
        assertEquals(Math.log(Math.log1p(x)), loss.logLoss(5.0), 1e-15);
        assertEquals(Math.log(40.0 + Math.log1p(Math.exp(-40.0))), loss.logLoss(-40.0), 1e-15);
        assertEquals(Math.log(1.0e6), loss.logLoss(-1.0e6), 1e-15);
        assertEquals(Math.log(Math.log(2.0)), loss.logLoss(0.0), 1e-15);
    }

    @Test
    void exponentialWeightsAreTheSoftmax() {
        Loss loss = new ExponentialLoss();
        double[] weights = new double[3];
        double logL = loss.evaluate(new double[] {0.0, Math.log(2.0), Math.log(4.0)}, weights, null);
        assertEquals(Math.log(1.75), logL, 1e-15);
        assertEquals(4.0 / 7.0, weights[0], 1e-15);
        assertEquals(1.0 / 7.0, weights[2], 1e-15);
    }
}
