package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Trajectory.Status;
import org.biasflow.data.SyntheticData;
import org.biasflow.loss.internal.ExponentialLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trajectories of bf:reproduce: 13 scales on a log grid 1e-3..1e3, depths 2 and 3, on its sparse-teacher data,
 * to 1e-100000 at rtol 1e-10. Small scales at depth 3 pass through plateaus after the saddle escape, and large
 * losses bring rounding noise in the weights; each trajectory must still finish within a fixed evaluation budget,
 * which keeps the whole grid within seconds.
 */
class ReproduceGridTest {
    private static final int EVALUATION_BUDGET = 40_000;
    private static final DataSet DATA = SyntheticData.sparseTeacher(20, 50, 3, 0.0, 1).dataSet();

    static Stream<Arguments> grid() {
        return Stream.of(2, 3).flatMap(depth -> IntStream.rangeClosed(0, 12)
                .mapToObj(k -> Arguments.of(depth, Math.pow(10.0, -3.0 + 0.5 * k))));
    }

    @ParameterizedTest(name = "D={0} alpha={1}")
    @MethodSource("grid")
    void reachesOneInTenToTheHundredThousandWithinBudget(int depth, double alpha) {
        FlowProblem problem = Runs.problem(DATA, Runs.diagonal(depth, alpha, DATA.dimension()), new ExponentialLoss(),
                Runs.targets("1e-10", "1e-100", "1e-10000", "1e-100000"),
                Map.of(Options.MAX_EVALUATIONS, Integer.toString(EVALUATION_BUDGET)));
        Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(), problem);
        assertEquals(Status.COMPLETED, run.trajectory.status(), run.trajectory.message());
        assertEquals(4, run.checkpoints.size());
        assertTrue(run.trajectory.evaluations() <= EVALUATION_BUDGET, () -> run.trajectory.evaluations() + " evaluations");
    }
}
