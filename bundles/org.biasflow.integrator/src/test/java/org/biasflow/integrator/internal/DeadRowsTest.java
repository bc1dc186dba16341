package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Loss;
import org.biasflow.api.Tolerances;
import org.biasflow.loss.internal.ExponentialLoss;
import org.biasflow.loss.internal.LogisticLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Leaving the margins of dead points out must change nothing, bit for bit. */
class DeadRowsTest {

    /**
     * β grows along a separating direction, wanders off it, and at times shrinks back so that dead points come
     * alive again: weights, curvature, log L and the direction must equal those of the full product exactly, while
     * most margins of the late evaluations are left out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"exponential", "logistic"})
    void evaluationsEqualTheFullProductBitForBit(String lossName) {
        Loss loss = lossName.equals("exponential") ? new ExponentialLoss() : new LogisticLoss();
        int size = 200;
        int dimension = 30;
        Random random = new Random(11);
        double[][] rows = new double[size][dimension];
        for (double[] row : rows) {
            for (int i = 0; i < dimension; i++) {
                row[i] = random.nextGaussian();
            }
            row[0] = 0.1 + Math.abs(row[0]);
        }
        DataSet data = Runs.data(rows);
        Objective full = new Objective(data, loss);
        Objective skipping = new Objective(data, loss);
        skipping.skipDeadRows();
        double[] beta = new double[dimension];
        double scale = 1.0;
        for (int k = 0; k < 400; k++) {
            scale *= k % 50 == 49 ? 0.2 : 1.1;
            beta[0] = scale;
            for (int i = 1; i < dimension; i++) {
                beta[i] = 0.01 * scale * Math.sin(0.37 * k + i) + 1e-3 * random.nextGaussian();
            }
            boolean withCurvature = k % 3 == 0;
            assertTrue(full.evaluate(beta, withCurvature));
            assertTrue(skipping.evaluate(beta, withCurvature));
            assertEquals(full.logLoss(), skipping.logLoss(), 0.0, "log L at evaluation " + k);
            assertArrayEquals(full.weights, skipping.weights, 0.0, "weights at evaluation " + k);
            assertArrayEquals(full.direction, skipping.direction, 0.0, "direction at evaluation " + k);
            if (withCurvature) {
                assertArrayEquals(full.curvature, skipping.curvature, 0.0, "curvature at evaluation " + k);
            }
        }
        assertTrue(skipping.skippedRows() > 400L * size / 4, "skipped " + skipping.skippedRows());
    }

    /** Whole runs of the ν flow, depth 2 and 3, with and without leaving dead points out: the same checkpoints. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void runsAreTheSameBitForBit(int depth) {
        DataSet data = TeacherData.generate(80, 12, 4);
        FlowProblem problem = new FlowProblem(data, Runs.diagonal(depth, 0.5, 12), new ExponentialLoss(),
                Runs.targets("1e-10", "1e-1000", "1e-100000"), new Tolerances(1e-9, 1e-11),
                Map.of(Options.FORMULATION, "mirror"));
        Runs.Recorder kept = new Runs.Recorder();
        kept.trajectory = FlowRun.integrate(problem, kept, BdfStepper::new, false);
        Runs.Recorder skipped = new Runs.Recorder();
        skipped.trajectory = FlowRun.integrate(problem, skipped, BdfStepper::new, true);
        assertEquals(3, kept.checkpoints.size(), kept.trajectory.message());
        assertEquals(kept.trajectory.evaluations(), skipped.trajectory.evaluations());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(kept.checkpoints.get(k).beta(), skipped.checkpoints.get(k).beta(), 0.0);
            assertArrayEquals(kept.duals.get(k), skipped.duals.get(k), 0.0);
            assertEquals(kept.checkpoints.get(k).log10Loss(), skipped.checkpoints.get(k).log10Loss(), 0.0);
        }
        List.of(kept, skipped).forEach(run -> assertEquals(org.biasflow.api.Trajectory.Status.COMPLETED,
                run.trajectory.status(), run.trajectory.message()));
    }
}
