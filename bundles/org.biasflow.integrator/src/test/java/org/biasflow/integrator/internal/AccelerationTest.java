package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccelerationTest {
    /** A x = b, iterated as x ← x + M⁻¹(b − Ax) with M = diag(A): a preconditioner as stale as an aged Jacobian. */
    private static final double[][] A = {
        {4.0, 1.5, 0.5},
        {1.0, 3.0, 1.2},
        {0.8, 1.1, 2.5} };
    private static final double[] B = {1.0, -2.0, 0.5};
    private static final double[] SCALE = {1.0, 1.0, 1.0};

    private static double[] increment(double[] x) {
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            double residual = B[i];
            for (int j = 0; j < 3; j++) {
                residual -= A[i][j] * x[j];
            }
            r[i] = residual / A[i][i];
        }
        return r;
    }

    private static double size(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double[] iterate(int iterations, boolean accelerated) {
        Acceleration acceleration = new Acceleration(3, SCALE);
        double[] x = new double[3];
        for (int k = 0; k < iterations; k++) {
            double[] r = increment(x);
            if (accelerated) {
                acceleration.step(x, r);
            }
            for (int i = 0; i < 3; i++) {
                x[i] += r[i];
            }
        }
        return x;
    }

    @Test
    void onALinearProblemItIsGmresAndSolvesThreeUnknownsInFourIterations() {
        double plain = size(increment(iterate(4, false)));
        double accelerated = size(increment(iterate(4, true)));

        assertTrue(plain > 1e-2, "the plain iteration contracts slowly: " + plain);
        assertTrue(accelerated < 1e-12, "three changes span the whole space: " + accelerated);
    }

    @Test
    void theFirstIncrementIsLeftAsItIs() {
        double[] r = increment(new double[3]);
        double[] first = r.clone();

        new Acceleration(3, SCALE).step(new double[3], r);

        assertArrayEquals(first, r, 0.0);
    }

    @Test
    void aRepeatedIncrementAddsNothingAndLeavesNoNaN() {
        Acceleration acceleration = new Acceleration(3, SCALE);
        double[] x = {0.1, 0.2, 0.3};
        double[] r = {0.01, -0.02, 0.03};
        acceleration.step(x, r.clone());
        double[] again = r.clone();

        acceleration.step(x, again);

        assertArrayEquals(r, again, 0.0);
    }
}
