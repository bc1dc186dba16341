package org.biasflow.example.fullyconnected.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.Tangents;
import org.junit.jupiter.api.Test;

class FullyConnectedModelTest {

    private static Network network(int depth, int width, int dimension, long seed) {
        return new FullyConnectedModel().create(ModelSpec.of(depth, 0.7).withSeed(seed)
                .withOptions(Map.of("width", Integer.toString(width))), dimension);
    }

    @Test
    void depthTwoIsTheProductOfItsTwoLayers() {
        Network net = network(2, 3, 2, 1);
        double[] w = net.initialParameters();
        assertEquals(3 * 2 + 3, w.length);

        double[] beta = new double[2];
        net.predictor(w, beta);

        for (int j = 0; j < 2; j++) {
            double expected = 0;
            for (int i = 0; i < 3; i++) {
                expected += w[6 + i] * w[i * 2 + j];
            }
            assertEquals(expected, beta[j], 1e-14);
        }
    }

    @Test
    void thePullbackIsTheGradientOfTheLinearFunctional() {
        Network net = network(4, 3, 5, 7);
        double[] w = net.initialParameters();
        double[] g = {0.3, -1.2, 0.5, 2.0, -0.7};
        double[] gradient = new double[w.length];

        net.pullback(w, g, gradient);

        double h = 1e-6;
        for (int p = 0; p < w.length; p++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[p] += h;
            down[p] -= h;
            double difference = (dot(net, up, g) - dot(net, down, g)) / (2 * h);
            assertEquals(difference, gradient[p], 1e-7 * Math.max(1, Math.abs(difference)), "parameter " + p);
        }
    }

    @Test
    void tangentsAreDerivativesOfThePredictorAndThePullback() {
        Network net = network(3, 4, 5, 3);
        Tangents tangents = net.capability(Tangents.class).orElseThrow();
        double[] w = net.initialParameters();
        double[] v = new double[w.length];
        for (int p = 0; p < v.length; p++) {
            v[p] = Math.sin(1.7 * p);
        }
        double[] g = {0.3, -1.2, 0.5, 2.0, -0.7};
        double h = 1e-6;
        double[] up = w.clone();
        double[] down = w.clone();
        for (int p = 0; p < w.length; p++) {
            up[p] += h * v[p];
            down[p] -= h * v[p];
        }

        double[] betaTangent = new double[5];
        tangents.tangent(w, v, betaTangent);
        double[] betaUp = new double[5];
        double[] betaDown = new double[5];
        net.predictor(up, betaUp);
        net.predictor(down, betaDown);
        for (int i = 0; i < 5; i++) {
            double difference = (betaUp[i] - betaDown[i]) / (2 * h);
            assertEquals(difference, betaTangent[i], 1e-7 * Math.max(1, Math.abs(difference)), "beta " + i);
        }

        double[] pullbackTangent = new double[w.length];
        tangents.pullbackTangent(w, g, v, pullbackTangent);
        double[] pullUp = new double[w.length];
        double[] pullDown = new double[w.length];
        net.pullback(up, g, pullUp);
        net.pullback(down, g, pullDown);
        for (int p = 0; p < w.length; p++) {
            double difference = (pullUp[p] - pullDown[p]) / (2 * h);
            assertEquals(difference, pullbackTangent[p], 1e-7 * Math.max(1, Math.abs(difference)), "parameter " + p);
        }
    }

    private static double dot(Network net, double[] w, double[] g) {
        double[] beta = new double[g.length];
        net.predictor(w, beta);
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            sum += beta[i] * g[i];
        }
        return sum;
    }

    @Test
    void theSeedFixesTheInitialization() {
        assertArrayEquals(network(3, 4, 5, 11).initialParameters(), network(3, 4, 5, 11).initialParameters());
        assertNotEquals(network(3, 4, 5, 11).initialParameters()[0], network(3, 4, 5, 12).initialParameters()[0]);
    }

    @Test
    void badSettingsAreNamed() {
        FullyConnectedModel model = new FullyConnectedModel();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.create(ModelSpec.of(1, 1), 3))
                .getMessage().contains("depth"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.create(ModelSpec.of(2, -1), 3))
                .getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> model.create(ModelSpec.of(2, 1).withOptions(Map.of("width", "x")), 3)).getMessage()
                .contains("width"));
    }
}
