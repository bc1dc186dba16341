package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.linalg.DenseLu;
import org.biasflow.loss.internal.ExponentialLoss;
import org.junit.jupiter.api.Test;

/**
 * The Newton systems of the ν flow, which leave out the points that carry no weight, against dense solves of the
 * whole system, at a state late in a flow where most points have left the support.
 */
class ActiveNewtonSystemTest {
    private static final double STEP = 0.3;

    @Test
    void leavingOutThePointsWithoutWeightSolvesTheWholeSystem() {
        // more points than features, so that most points leave the support
        DataSet data = TeacherData.generate(40, 30, 5);
        FlowProblem problem = mirrorProblem(data, "1e-10000");
        Runs.Recorder recorder = new Runs.Recorder().run(new BdfIntegrator(), problem);
        double[] nu = recorder.duals.get(0);
        MirrorFlow flow = mirrorFlow(problem);
        int n = nu.length;
        double[] y = java.util.Arrays.copyOf(nu, n + 2);
        y[n] = 0.02;
        y[n + 1] = 230.0;

        MirrorFlow.Linearization linear = flow.linearize(y);
        int active = linear.active().length;
        assertTrue(active > 0 && active <= n - 5, active + " of " + n + " points active");

        double[][] dense = new double[n + 2][n + 2];
        assertTrue(flow.jacobian(y, dense));
        double[][] exact = new double[n + 2][n + 2];
        assertTrue(Runs.finiteDifferenceJacobian(flow, y, exact));

        NewtonSystem system = flow.newtonSystem();
        assertTrue(system.linearize(y));
        system.factor(STEP);
        Random random = new Random(3);
        double[] rhs = new double[n + 2];
        for (int i = 0; i < rhs.length; i++) {
            rhs[i] = random.nextGaussian();
        }
        double[] solution = rhs.clone();
        assertTrue(system.solve(solution, null));

        double[] expected = rhs.clone();
        new DenseLu(NewtonSystem.newtonMatrix(dense, STEP)).solve(expected);
        for (int i = 0; i < rhs.length; i++) {
            assertEquals(expected[i], solution[i], 1e-10 * (1 + Math.abs(expected[i])), "x[" + i + "]");
        }
        // the rows left out: in the exact Jacobian (differenced, which late in a flow is accurate to a few percent
        // only) far below the others, and restored in full, they change no unknown beyond its rounding
        double largest = 0.0;
        for (double[] row : exact) {
            for (double entry : row) {
                largest = Math.max(largest, Math.abs(entry));
            }
        }
        double[] weights = flow.objective.weights;
        double[][] complete = new double[n + 2][];
        for (int m = 0; m < n + 2; m++) {
            complete[m] = dense[m].clone();
            if (m < n && java.util.Arrays.binarySearch(linear.active(), m) < 0) {
                for (int k = 0; k < n + 2; k++) {
                    assertTrue(Math.abs(exact[m][k]) <= 1e-18 * largest, "row " + m + " is negligible");
                }
                for (int k = 0; k < n; k++) {
                    complete[m][k] = weights[m] * linear.columns()[k];
                }
            }
        }
        double[] whole = rhs.clone();
        new DenseLu(NewtonSystem.newtonMatrix(complete, STEP)).solve(whole);
        for (int i = 0; i < rhs.length; i++) {
            assertEquals(whole[i], solution[i], 1e-12 * (1 + Math.abs(whole[i])), "x[" + i + "] of the whole system");
        }
    }

    /**
     * The main job's trajectories (N = 20, d = 50 and N = 12, d = 3) keep plain Newton iterations, whose Jacobians
     * are cheap; at N = 100, d = 1000 a Jacobian costs enough evaluations for accelerated ones.
     */
    @Test
    void aJacobianIsCostlyFromAHundredPointsInAThousandFeatures() {
        assertTrue(linearizationCost(20, 50) < BdfStepper.COSTLY_JACOBIAN, "N = 20: " + linearizationCost(20, 50));
        assertTrue(linearizationCost(12, 3) < BdfStepper.COSTLY_JACOBIAN, "N = 12: " + linearizationCost(12, 3));
        assertTrue(linearizationCost(100, 1000) > BdfStepper.COSTLY_JACOBIAN,
                "N = 100: " + linearizationCost(100, 1000));
    }

    private static double linearizationCost(int points, int features) {
        MirrorFlow flow = mirrorFlow(mirrorProblem(TeacherData.generate(points, features, 1), "1e-10"));
        double[] y = new double[points + 2];
        y[points] = 0.02;
        y[points + 1] = 1.0;
        NewtonSystem system = flow.newtonSystem();
        assertTrue(system.linearize(y));
        return system.linearizationCost();
    }

    /** Depth 2 at α = 1 with the exponential loss, followed in ν. */
    private static FlowProblem mirrorProblem(DataSet data, String target) {
        return Runs.problem(data, Runs.diagonal(2, 1.0, data.dimension()), new ExponentialLoss(), Runs.targets(target),
                Map.of(Options.FORMULATION, "mirror"));
    }

    /** The problem's ν flow, on the clock of a state late in a flow. */
    private static MirrorFlow mirrorFlow(FlowProblem problem) {
        MirrorFlow flow = (MirrorFlow) FlowRun.formulation(problem, new Counters());
        flow.clock(new Clock(-1.6, 0.05));
        return flow;
    }
}
