package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Steps checked by their residual against the Hessian formed from its definition. */
class NewtonStepsTest {
    private static final int SIZE = 60;
    private static final int DIMENSION = 300;

    private final Random random = new Random(7);
    private final SignedData data = new SignedData(random.doubles(SIZE * DIMENSION, -1, 1).toArray(), SIZE, DIMENSION);

    @Test
    void aFirstStepIsExactAndLaterOnesReachTheRelativeResidual() {
        NewtonSteps steps = new NewtonSteps(data);
        double[] weights = random.doubles(DIMENSION, 0.5, 2).toArray();
        int[] even = IntStream.range(0, SIZE).filter(n -> n % 2 == 0).toArray();
        assertResidual(weights, even, steps, 1e-10);

        // the weights move by up to a factor of 2 and points leave: steps from the old factorization
        for (int i = 0; i < DIMENSION; i++) {
            weights[i] *= random.nextDouble(0.5, 2);
        }
        assertResidual(weights, even, steps, 1e-3);
        assertResidual(weights, IntStream.range(0, SIZE).filter(n -> n % 4 == 0).toArray(), steps, 1e-3);
        // points not factored before: formed and factored afresh, exact again
        assertResidual(weights, IntStream.range(0, SIZE).toArray(), steps, 1e-10);
    }

    @Test
    void weightsTooFarFromTheFactoredOnesAreFactoredAfresh() {
        NewtonSteps steps = new NewtonSteps(data);
        int[] all = IntStream.range(0, SIZE).toArray();
        assertResidual(random.doubles(DIMENSION, 0.5, 2).toArray(), all, steps, 1e-10);
        // weights over twelve orders of magnitude: the old factorization is no preconditioner for these
        double[] spread = random.doubles(DIMENSION, -6, 6).map(e -> Math.pow(10, e)).toArray();
        assertResidual(spread, all, steps, 1e-3);
    }

    private void assertResidual(double[] weights, int[] free, NewtonSteps steps, double relative) {
        double[] rhs = random.doubles(free.length, -1, 1).toArray();
        double[] step = steps.solve(weights, free, rhs);
        double residual = 0;
        double size = 0;
        for (int a = 0; a < free.length; a++) {
            double product = 0;
            for (int b = 0; b < free.length; b++) {
                double entry = 0;
                for (int i = 0; i < DIMENSION; i++) {
                    entry += data.entry(free[a], i) * weights[i] * data.entry(free[b], i);
                }
                product += entry * step[b];
            }
            residual += (product - rhs[a]) * (product - rhs[a]);
            size += rhs[a] * rhs[a];
        }
        assertTrue(Math.sqrt(residual / size) <= relative,
                "relative residual " + Math.sqrt(residual / size) + " over " + free.length + " points");
    }
}
