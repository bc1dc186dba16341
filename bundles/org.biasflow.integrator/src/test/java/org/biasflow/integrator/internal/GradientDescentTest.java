package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Trajectory.Status;
import org.biasflow.loss.internal.ExponentialLoss;
import org.junit.jupiter.api.Test;

class GradientDescentTest {
    private final DataSet data = TeacherData.generate(6, 8, 2);

    private FlowProblem problem(String targets, Map<String, String> options) {
        return Runs.problem(data, Runs.diagonal(2, 1.0, 8), new ExponentialLoss(), Runs.targets(targets.split(",")),
                options);
    }

    @Test
    void smallStepsFollowGradientFlowInRealTime() {
        Runs.Recorder descent = new Runs.Recorder().run(new GradientDescentIntegrator(),
                problem("1,1e-1,1e-2", Map.of(Options.STEP, "0.001")));
        Runs.Recorder flow = new Runs.Recorder().run(new BdfIntegrator(), problem("1,1e-1,1e-2", Map.of()));
        assertEquals(Status.COMPLETED, descent.trajectory.status(), descent.trajectory.message());
        for (int k = 0; k < 3; k++) {
            assertEquals(flow.checkpoints.get(k).log10Time(), descent.checkpoints.get(k).log10Time(), 1e-2);
            assertEquals(descent.checkpoints.get(k).target().log10(), descent.checkpoints.get(k).log10Loss(), 1e-3);
            assertTrue(Runs.relativeDistance(descent.checkpoints.get(k).beta(), flow.checkpoints.get(k).beta()) < 1e-2);
        }
    }

    @Test
    void stepLimitIsReported() {
        Runs.Recorder run = new Runs.Recorder().run(new GradientDescentIntegrator(),
                problem("1e-1,1e-300", Map.of(Options.MAX_STEPS, "2000")));
        assertEquals(Status.LIMIT_REACHED, run.trajectory.status());
        assertTrue(run.trajectory.message().contains("2000 steps"), run.trajectory.message());
        assertEquals(1, run.checkpoints.size());
        assertEquals(2000, run.trajectory.steps());
    }

    @Test
    void aStepThatNoLongerMovesTheWeightsIsReported() {
        Runs.Recorder run = new Runs.Recorder().run(new GradientDescentIntegrator(),
                problem("1e-1", Map.of(Options.STEP, "1e-30")));
        assertEquals(Status.LIMIT_REACHED, run.trajectory.status());
        assertTrue(run.trajectory.message().contains("no longer changes w"), run.trajectory.message());
    }

    @Test
    void aStepTooLargeForTheProblemIsReportedAsDivergence() {
        FlowProblem large = Runs.problem(TeacherData.generate(10, 30, 1), Runs.diagonal(2, 10.0, 30),
                new ExponentialLoss(), Runs.targets("1e-10"), Map.of());
        Runs.Recorder run = new Runs.Recorder().run(new GradientDescentIntegrator(), large);
        assertEquals(Status.FAILED, run.trajectory.status());
        assertTrue(run.trajectory.message().startsWith("gradient descent diverged at step "), run.trajectory.message());
        assertTrue(run.trajectory.message().endsWith("option step = 0.1 is too large for this problem"),
                run.trajectory.message());
    }
}
