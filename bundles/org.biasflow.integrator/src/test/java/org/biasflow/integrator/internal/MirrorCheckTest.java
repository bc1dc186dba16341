package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.biasflow.api.MirrorMap;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.Trajectory.Status;
import org.biasflow.model.diagonal.internal.DiagonalModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MirrorCheckTest {
    private static final int D = 7;

    /** The diagonal network's own maps agree with it, balanced or not, at every depth and scale tried. */
    @ParameterizedTest
    @CsvSource({"2, 1", "2, 1e-3", "2, 1e3", "3, 1", "3, 1e-4", "4, 0.5", "5, 2"})
    void theDiagonalNetworksMapsAgreeWithIt(int depth, double alpha) {
        double[] shape = {1, 0.5, 2, 1, 3, 0.25, 1};
        double[] negative = {1, 1, 0.5, 2, 1, 1, 0.75};
        for (ModelSpec spec : new ModelSpec[] {ModelSpec.of(depth, alpha),
                ModelSpec.of(depth, alpha).withShape(shape, null), ModelSpec.of(depth, alpha).withShape(shape, negative)}) {
            Network network = new DiagonalModel().create(spec, D);
            assertNull(MirrorCheck.disagreement(network, network.capability(MirrorMap.class).orElseThrow(), D),
                    spec.toString());
        }
    }

    /** A third party's map off by a factor in β, the parameters or the slope is caught, and the run says so. */
    @ParameterizedTest
    @ValueSource(strings = {"beta", "parameter", "slope"})
    void aMapThatIsNotTheNetworksOwnStopsTheRun(String wrong) {
        Network network = Runs.withMirrorMap(Runs.diagonal(2, 1.0, D), map -> new MirrorMap() {
            @Override
            public boolean predictor(double[] s, double[] beta, double[] slope, double[] curvature) {
                boolean inside = map.predictor(s, beta, slope, curvature);
                if (wrong.equals("beta")) {
                    beta[3] += 0.5;
                }
                if (wrong.equals("slope") && slope != null) {
                    slope[D - 1] *= 2; // as if the map forgot the factor of a parameter's own square
                }
                return inside;
            }

            @Override
            public void parameters(double[] s, double[] parameters) {
                map.parameters(s, parameters);
                if (wrong.equals("parameter")) {
                    parameters[0] *= 1.5;
                }
            }
        });

        String disagreement = MirrorCheck.disagreement(network, network.capability(MirrorMap.class).orElseThrow(), D);
        Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(),
                Runs.problem(TeacherData.generate(5, D, 1), network, Runs.targets("1e-10")));

        assertTrue(disagreement != null && disagreement.contains(wrong.equals("slope") ? "slope f'(0) of feature 7"
                : wrong + "_" + (wrong.equals("beta") ? 4 : 1) + " = "), disagreement);
        assertEquals(Status.FAILED, run.trajectory.status());
        assertTrue(run.trajectory.message().startsWith("the model's network does not agree with its own mirror map: "
                + disagreement), run.trajectory.message());
    }
}
