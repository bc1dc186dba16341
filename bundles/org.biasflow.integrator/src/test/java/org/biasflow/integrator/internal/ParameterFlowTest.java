package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Loss;
import org.biasflow.api.Network;
import org.biasflow.api.Tangents;
import org.biasflow.api.Trajectory.Status;
import org.biasflow.data.SyntheticData;
import org.biasflow.loss.internal.ExponentialLoss;
import org.biasflow.loss.internal.LogisticLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The parameter flow's structured Jacobian and its two linear solvers, against finite differences, against each
 * other, and against the mirror flow of the same network.
 */
class ParameterFlowTest {

    @Test
    void structuredJacobianMatchesFiniteDifferences() {
        DataSet data = TeacherData.generate(6, 5, 3);
        for (Network network : List.of(Runs.withoutCapabilities(Runs.diagonal(2, 0.7, 5)),
                Runs.withoutCapabilities(Runs.diagonal(3, 0.7, 5)), Runs.withoutMirrorMap(Runs.diagonal(3, 0.7, 5)),
                new Chain(5, 3, 0.6, 1), new Chain(5, 3, 0.6, 1).withTangents())) {
            for (Loss loss : List.of(new ExponentialLoss(), new LogisticLoss())) {
                ParameterFlow flow = parameterFlow(data, network, loss, "dense");
                flow.clock(new Clock(-1.7, 0.05));
                double[] y = flow.initialState();
                for (int i = 0; i < flow.core; i++) {
                    y[i] *= 1.0 + 0.1 * Math.sin(i);
                }
                y[flow.timeIndex()] = 0.2;
                y[flow.gainIndex()] = 0.3;
                int n = flow.dimension();
                double[][] structured = new double[n][n];
                double[][] numeric = new double[n][n];
                assertTrue(flow.jacobian(y, structured));
                assertTrue(Runs.finiteDifferenceJacobian(flow, y, numeric));
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(numeric[i][j], structured[i][j], 2e-5 * (1 + Math.abs(structured[i][j])),
                                network + " " + loss.getClass().getSimpleName() + " (" + i + "," + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void krylovSolvesTheNewtonSystemsTheDenseSolverSolves() {
        DataSet data = TeacherData.generate(8, 6, 5);
        for (Network network : List.of(new Chain(6, 4, 0.5, 2), new Chain(6, 4, 0.5, 2).withTangents())) {
            ParameterFlow dense = parameterFlow(data, network, new ExponentialLoss(), "dense");
            ParameterFlow krylov = parameterFlow(data, network, new ExponentialLoss(), "krylov");
            double[] y = dense.initialState();
            y[dense.timeIndex()] = 0.1;
            y[dense.gainIndex()] = 0.4;
            for (ParameterFlow flow : List.of(dense, krylov)) {
                flow.clock(new Clock(-2.0, 0.1));
            }
            NewtonSystem direct = dense.newtonSystem();
            NewtonSystem iterative = krylov.newtonSystem();
            assertTrue(direct.linearize(y));
            assertTrue(iterative.linearize(y));
            double[] scale = new double[y.length];
            java.util.Arrays.fill(scale, 1e-9);
            for (double c : new double[] {0.01, 0.3, 2.0}) {
                direct.factor(c);
                iterative.factor(c);
                double[] expected = new double[y.length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = 1e-6 * Math.cos(3 * i);
                }
                double[] actual = expected.clone();
                direct.solve(expected, scale);
                assertTrue(iterative.solve(actual, scale));
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-4 * scale[i], network + " c = " + c + ", entry " + i);
                }
            }
        }
    }

    /**
     * The diagonal network with its mirror map hidden reaches the same β directions as through the mirror map, by
     * differences and with its exact tangents, with the dense solver (P = 60) and with Krylov.
     */
    @ParameterizedTest(name = "D = {0}, alpha = {1}")
    @CsvSource({"2, 0.1", "2, 1", "2, 10", "3, 0.1", "3, 1", "3, 10"})
    void parameterPathMatchesTheMirrorPath(int depth, double alpha) {
        DataSet data = TeacherData.generate(10, 30, 1);
        var targets = Runs.targets("1e-10", "1e-100", "1e-10000");
        Runs.Recorder mirror = new Runs.Recorder().run(new BdfIntegrator(),
                Runs.problem(data, Runs.diagonal(depth, alpha, 30), targets));
        assertEquals(Status.COMPLETED, mirror.trajectory.status(), mirror.trajectory.message());
        Network differences = Runs.withoutCapabilities(Runs.diagonal(depth, alpha, 30));
        Network tangents = Runs.withoutMirrorMap(Runs.diagonal(depth, alpha, 30));
        for (var variant : List.of(Map.entry(differences, "dense"), Map.entry(tangents, "dense"),
                Map.entry(tangents, "krylov"))) {
            Runs.Recorder parameters = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data,
                    variant.getKey(), new ExponentialLoss(), targets, Map.of(Options.LINEAR_SOLVER, variant.getValue())));
            String label = (variant.getKey() == tangents ? "tangents, " : "differences, ") + variant.getValue();
            assertEquals(Status.COMPLETED, parameters.trajectory.status(), label + ": " + parameters.trajectory.message());
            for (int k = 0; k < targets.size(); k++) {
                double distance = Runs.relativeDistance(Runs.direction(parameters.checkpoints.get(k).beta()),
                        Runs.direction(mirror.checkpoints.get(k).beta()));
                assertTrue(distance < 1e-7, label + " at " + targets.get(k) + ": " + distance);
            }
        }
    }

    /**
     * Depth 3 at α = 1e-20 on bf:data's default set: the ν flow loses its step at the edge of the mirror map's
     * domain while leaving the saddle, before any checkpoint; the run goes on in the parameters, as if they had
     * been asked for, and says so.
     */
    @Test
    void aMirrorFlowThatLosesItsStepBeforeItsFirstCheckpointIsFollowedInTheParameters() {
        DataSet data = SyntheticData.generate(SyntheticData.SPARSE_TEACHER, Map.of("n", "20", "d", "50", "seed", "1"))
                .dataSet();
        var targets = Runs.targets("1e-10");
        Network network = Runs.diagonal(3, 1e-20, 50);
        Runs.Recorder mirror = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data, network,
                new ExponentialLoss(), targets, Map.of(Options.FORMULATION, "mirror")));
        Runs.Recorder auto = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data, network, targets));
        Runs.Recorder parameters = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data, network,
                new ExponentialLoss(), targets, Map.of(Options.FORMULATION, "parameters")));

        assertTrue(mirror.trajectory.status() != Status.COMPLETED && mirror.checkpoints.isEmpty(),
                "the case still needs the fallback: " + mirror.trajectory.message());
        assertEquals(Status.COMPLETED, auto.trajectory.status(), auto.trajectory.message());
        assertEquals("parameters", auto.details.get("formulation"));
        assertTrue(auto.details.get("formulation-fallback").startsWith("the mirror map's flow stopped before its"
                + " first checkpoint: "), auto.details.toString());
        assertEquals(parameters.trajectory.evaluations() + mirror.trajectory.evaluations(),
                auto.trajectory.evaluations(), "both attempts are counted");
        for (int k = 0; k < targets.size(); k++) {
            assertEquals(0.0, Runs.relativeDistance(parameters.checkpoints.get(k).beta(),
                    auto.checkpoints.get(k).beta()), "the parameters' own run, at " + targets.get(k));
        }
    }

    /** Depth 3 at α = 1e-5 on Gaussian teacher data: both formulations lose their step on a plateau of the loss. */
    @Test
    void aStepSizeLostOnAPlateauOfTheLossIsNamed() {
        Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(),
                Runs.problem(TeacherData.generate(10, 30, 1), Runs.diagonal(3, 1e-5, 30), Runs.targets("1e-10")));

        assertEquals(Status.LIMIT_REACHED, run.trajectory.status(), run.trajectory.message());
        assertTrue(run.trajectory.message().contains("times faster than the loss: a plateau of the loss"),
                run.trajectory.message());
    }

    @Test
    void krylovTakesTheStepsOfTheDenseSolver() {
        DataSet data = TeacherData.generate(10, 12, 4);
        var targets = Runs.targets("1e-10", "1e-100", "1e-1000");
        for (Network network : List.of(new Chain(12, 3, 0.3, 7), new Chain(12, 3, 0.3, 7).withTangents())) {
            Runs.Recorder dense = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data, network,
                    new ExponentialLoss(), targets, Map.of(Options.LINEAR_SOLVER, "dense")));
            Runs.Recorder krylov = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data, network,
                    new ExponentialLoss(), targets, Map.of(Options.LINEAR_SOLVER, "krylov")));
            assertEquals(Status.COMPLETED, dense.trajectory.status(), dense.trajectory.message());
            assertEquals(Status.COMPLETED, krylov.trajectory.status(), krylov.trajectory.message());
            // the Krylov solves stop at a tolerance, which may change a Newton iteration count and so a step size
            assertEquals(dense.trajectory.steps(), krylov.trajectory.steps(), 0.01 * dense.trajectory.steps(),
                    network.toString());
            for (int k = 0; k < targets.size(); k++) {
                double distance = Runs.relativeDistance(krylov.checkpoints.get(k).beta(),
                        dense.checkpoints.get(k).beta());
                assertTrue(distance < 1e-9, network + " " + targets.get(k) + ": " + distance);
            }
        }
    }

    /**
     * The absolute tolerance shrinks by how far the core moves while u changes by one: at a scale where du/dτ is
     * large, the parameters move by exactly what it assumes, ‖F‖/q = 1/√q, and ν by at most it, ‖p‖/q ≤ 1/q.
     */
    @Test
    void theCoreMovesPerUnitOfLossAsFarAsTheToleranceAssumes() {
        DataSet data = TeacherData.generate(8, 6, 5);
        Network network = Runs.diagonal(2, 3.0, 6);
        ParameterFlow parameters = parameterFlow(data, network, new ExponentialLoss(), "dense");
        ReparametrizedFlow nu = FlowRun.formulation(Runs.problem(data, network, new ExponentialLoss(),
                Runs.targets("1e-3"), Map.of(Options.FORMULATION, "mirror")), new Counters());
        for (ReparametrizedFlow flow : List.of(parameters, nu)) {
            double[] y = flow.initialState();
            double[] f = new double[y.length];
            assertTrue(flow.derivative(y, f), flow.problem());
            assertTrue(flow.rate() > 10, "du/dtau = " + flow.rate());
            double squared = 0.0;
            for (int i = 0; i < flow.core; i++) {
                squared += f[i] * f[i];
            }
            double perUnitLoss = Math.sqrt(squared) / f[flow.gainIndex()];
            double assumed = flow.coreMovePerUnitLoss();
            if (flow == parameters) {
                assertEquals(1.0 / Math.sqrt(flow.rate()), assumed, 1e-15 * assumed);
                assertEquals(assumed, perUnitLoss, 1e-12 * assumed);
            } else {
                assertEquals(1.0 / flow.rate(), assumed, 1e-15 * assumed);
                assertTrue(perUnitLoss <= assumed && perUnitLoss >= assumed / Math.sqrt(data.size()),
                        perUnitLoss + " against " + assumed);
            }
        }
    }

    @Test
    void unknownFormulationOrSolverIsNamed() {
        DataSet data = TeacherData.generate(5, 4, 1);
        for (Map<String, String> options : List.of(Map.of(Options.FORMULATION, "nu"),
                Map.of(Options.LINEAR_SOLVER, "cholesky"))) {
            Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data,
                    Runs.diagonal(2, 1.0, 4), new ExponentialLoss(), Runs.targets("1e-3"), options));
            assertEquals(Status.FAILED, run.trajectory.status());
            String key = options.keySet().iterator().next();
            assertTrue(run.trajectory.message().startsWith("option " + key), run.trajectory.message());
        }
        Runs.Recorder mirrorless = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data,
                new Chain(4, 2, 0.5, 1), new ExponentialLoss(), Runs.targets("1e-3"),
                Map.of(Options.FORMULATION, "mirror")));
        assertTrue(mirrorless.trajectory.message().contains("no mirror map"), mirrorless.trajectory.message());
    }

    @Test
    void formulationFollowsCost() {
        assertTrue(FlowRun.parametersAreCheaper(128, 357, 64));
        assertTrue(!FlowRun.parametersAreCheaper(2000, 100, 1000));
        assertTrue(!FlowRun.parametersAreCheaper(20000, 1000, 10000));
        assertEquals(ParameterFlow.LinearSolver.DENSE, ParameterFlow.LinearSolver.byCost(200, 10));
        assertEquals(ParameterFlow.LinearSolver.KRYLOV, ParameterFlow.LinearSolver.byCost(1550, 10));
    }

    private static ParameterFlow parameterFlow(DataSet data, Network network, Loss loss, String solver) {
        FlowProblem problem = Runs.problem(data, network, loss, Runs.targets("1e-3"),
                Map.of(Options.FORMULATION, "parameters", Options.LINEAR_SOLVER, solver));
        return (ParameterFlow) FlowRun.formulation(problem, new Counters());
    }

    /**
     * A two-layer linear network β = W₂W₁ with W₁ ∈ ℝ^{h×d}, W₂ ∈ ℝ^{1×h}: nonlinear in w, without structure an
     * integrator knows, and with exact tangents on request.
     */
    static final class Chain implements Network {
        private final int dimension;
        private final int width;
        private final double[] initial;
        private final boolean tangents;

        Chain(int dimension, int width, double alpha, long seed) {
            this(dimension, width, initial(dimension, width, alpha, seed), false);
        }

        private Chain(int dimension, int width, double[] initial, boolean tangents) {
            this.dimension = dimension;
            this.width = width;
            this.initial = initial;
            this.tangents = tangents;
        }

        private static double[] initial(int dimension, int width, double alpha, long seed) {
            java.util.Random random = new java.util.Random(seed);
            double[] w = new double[width * dimension + width];
            for (int i = 0; i < w.length; i++) {
                w[i] = alpha * random.nextGaussian();
            }
            return w;
        }

        Chain withTangents() {
            return new Chain(dimension, width, initial, true);
        }

        @Override
        public int parameterCount() {
            return initial.length;
        }

        @Override
        public double[] initialParameters() {
            return initial.clone();
        }

        @Override
        public void predictor(double[] w, double[] beta) {
            java.util.Arrays.fill(beta, 0.0);
            int top = width * dimension;
            for (int k = 0; k < width; k++) {
                for (int i = 0; i < dimension; i++) {
                    beta[i] += w[top + k] * w[k * dimension + i];
                }
            }
        }

        @Override
        public void pullback(double[] w, double[] g, double[] out) {
            int top = width * dimension;
            for (int k = 0; k < width; k++) {
                double projected = 0.0;
                for (int i = 0; i < dimension; i++) {
                    out[k * dimension + i] = w[top + k] * g[i];
                    projected += w[k * dimension + i] * g[i];
                }
                out[top + k] = projected;
            }
        }

        @Override
        public <C> Optional<C> capability(Class<C> type) {
            if (!tangents || type != Tangents.class) {
                return Optional.empty();
            }
            Tangents exact = new Tangents() {
                @Override
                public void tangent(double[] w, double[] v, double[] betaTangent) {
                    java.util.Arrays.fill(betaTangent, 0.0);
                    int top = width * dimension;
                    for (int k = 0; k < width; k++) {
                        for (int i = 0; i < dimension; i++) {
                            betaTangent[i] += v[top + k] * w[k * dimension + i] + w[top + k] * v[k * dimension + i];
                        }
                    }
                }

                @Override
                public void pullbackTangent(double[] w, double[] g, double[] v, double[] out) {
                    pullback(v, g, out);
                }
            };
            return Optional.of(type.cast(exact));
        }

        @Override
        public String toString() {
            return "chain " + dimension + "x" + width + (tangents ? " with tangents" : "");
        }
    }
}
