package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Integrator;
import org.biasflow.api.MirrorMap;
import org.biasflow.api.Network;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory.Status;
import org.biasflow.linalg.DenseLu;
import org.biasflow.linalg.RowMatrix;
import org.biasflow.loss.internal.LogisticLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlowBehaviourTest {

    /** Three separable points in the plane, small enough that a flow to its limits takes a moment. */
    private static final DataSet THREE_POINTS = new DataSet(new double[][] {{1, 0}, {0, 1}, {2, 0.5}},
            new int[] {1, -1, 1}, "three points");

    static Stream<Integrator> integrators() {
        return Stream.of(new BdfIntegrator(), new DormandPrinceIntegrator(), new GradientDescentIntegrator());
    }

    static Stream<Integrator> flowIntegrators() {
        return Stream.of(new BdfIntegrator(), new DormandPrinceIntegrator());
    }

    @Test
    void bdfAndDormandPrinceAgreeOnRandomProblems() {
        for (long seed = 1; seed <= 3; seed++) {
            DataSet data = TeacherData.generate(8, 12, seed);
            double alpha = 0.3 * seed;
            FlowProblem problem = Runs.problem(data, Runs.diagonal(2, alpha, 12), Runs.targets("1e-10", "1e-100"));
            Runs.Recorder stiff = new Runs.Recorder().run(new BdfIntegrator(), problem);
            Runs.Recorder explicit = new Runs.Recorder().run(new DormandPrinceIntegrator(), problem);
            assertEquals(Status.COMPLETED, stiff.trajectory.status(), stiff.trajectory.message());
            assertEquals(Status.COMPLETED, explicit.trajectory.status(), explicit.trajectory.message());
            for (int k = 0; k < 2; k++) {
                double[] a = Runs.direction(stiff.checkpoints.get(k).beta());
                double[] b = Runs.direction(explicit.checkpoints.get(k).beta());
                assertTrue(Runs.relativeDistance(a, b) < 1e-7, "seed " + seed + ": " + Runs.relativeDistance(a, b));
                assertEquals(explicit.checkpoints.get(k).log10Time(), stiff.checkpoints.get(k).log10Time(), 1e-7);
            }
        }
    }

    /**
     * Where a Jacobian costs more than ten evaluations (N = 100, d = 1000: about 15), the flow starts without one, by
     * functional iteration, and forms the first when it turns stiff; its checkpoints agree with Dormand–Prince's,
     * which never forms one, to the tolerance's accuracy.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1, 10})
    void aCostlyJacobianWaitsUntilTheFlowTurnsStiff(double alpha) {
        DataSet data = TeacherData.generate(100, 1000, 1);
        Runs.Recorder early = new Runs.Recorder().run(new BdfIntegrator(),
                Runs.problem(data, Runs.diagonal(2, alpha, 1000), Runs.targets("1e-1")));
        FlowProblem deep = Runs.problem(data, Runs.diagonal(2, alpha, 1000), Runs.targets("1e-1", "1e-10", "1e-100"));
        Runs.Recorder stiff = new Runs.Recorder().run(new BdfIntegrator(), deep);
        Runs.Recorder explicit = new Runs.Recorder().run(new DormandPrinceIntegrator(), deep);

        assertEquals(Status.COMPLETED, early.trajectory.status(), early.trajectory.message());
        assertEquals(0, early.trajectory.jacobians(), "no Jacobian before the flow turns stiff");
        assertTrue(stiff.trajectory.jacobians() > 0, "it turns stiff before 1e-100");
        for (int k = 0; k < 3; k++) {
            double distance = Runs.relativeDistance(Runs.direction(stiff.checkpoints.get(k).beta()),
                    Runs.direction(explicit.checkpoints.get(k).beta()));
            assertTrue(distance < 1e-7, "checkpoint " + k + ": " + distance);
        }
    }

    /** Without the mirror map the flow runs in w; depth 2 must still satisfy w± = α e^{±2s}, s = X̃ᵀν. */
    @Test
    void genericPathKeepsTheDepthTwoIdentityAndMatchesTheFastPath() {
        int d = 6;
        double alpha = 0.7;
        DataSet data = TeacherData.generate(4, d, 7);
        Network network = Runs.diagonal(2, alpha, d);
        List<org.biasflow.api.TargetLoss> targets = Runs.targets("1e-1", "1e-10", "1e-100");
        Runs.Recorder generic = new Runs.Recorder().run(new BdfIntegrator(),
                Runs.problem(data, Runs.withoutCapabilities(network), targets));
        Runs.Recorder fast = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data, network, targets));
        assertEquals(Status.COMPLETED, generic.trajectory.status(), generic.trajectory.message());
        double[] x = data.signedFeatures();
        for (int k = 0; k < targets.size(); k++) {
            Checkpoint checkpoint = generic.checkpoints.get(k);
            double[] w = checkpoint.parameters();
            double[] s = new double[d];
            for (int i = 0; i < d; i++) {
                assertEquals(alpha * alpha, w[i] * w[d + i], 1e-8 * alpha * alpha, "w+ w- stays alpha^2");
                s[i] = 0.25 * Math.log(w[i] / w[d + i]);
            }
            double[] nu = leastSquaresDual(x, 4, d, s);
            double[] beta = new double[d];
            for (int i = 0; i < d; i++) {
                double projected = 0.0;
                for (int n = 0; n < 4; n++) {
                    projected += x[n * d + i] * nu[n];
                }
                assertEquals(s[i], projected, 1e-8 * (1 + Math.abs(s[i])), "s lies in the row space of X~");
                beta[i] = 2 * alpha * alpha * Math.sinh(4 * projected);
            }
            for (double v : nu) {
                assertTrue(v >= 0, "integrated losses are non-negative");
            }
            assertTrue(Runs.relativeDistance(checkpoint.beta(), beta) < 1e-7);
            assertTrue(Runs.relativeDistance(checkpoint.beta(), fast.checkpoints.get(k).beta()) < 1e-7);
        }
    }

    /** ν minimizing ‖X̃ᵀν − s‖ from the normal equations X̃X̃ᵀν = X̃s. */
    private static double[] leastSquaresDual(double[] x, int size, int d, double[] s) {
        RowMatrix features = new RowMatrix(x, size, d);
        double[] ones = new double[d];
        java.util.Arrays.fill(ones, 1.0);
        double[] right = new double[size];
        features.multiply(s, right);
        new DenseLu(features.weightedGram(ones)).solve(right);
        return right;
    }

    /**
     * A checkpoint at every decade down to 1e-100 is read off bdf's steps, not reached by cutting each step short:
     * landing on each took 852 steps here, against 445 for the last target alone. The interpolated checkpoints agree
     * with runs that end on them to the tolerance's order.
     */
    @Test
    void checkpointsCloserThanTheStepsDoNotCutThemShort() {
        DataSet data = TeacherData.generate(60, 200, 5);
        String[] decades = new String[100];
        for (int k = 1; k <= 100; k++) {
            decades[k - 1] = "1e-" + k;
        }
        Runs.Recorder dense = new Runs.Recorder().run(new BdfIntegrator(),
                Runs.problem(data, Runs.diagonal(2, 1.0, 200), Runs.targets(decades)));
        Runs.Recorder last = new Runs.Recorder().run(new BdfIntegrator(),
                Runs.problem(data, Runs.diagonal(2, 1.0, 200), Runs.targets("1e-100")));
        assertEquals(100, dense.checkpoints.size(), dense.trajectory.message());
        assertTrue(dense.trajectory.steps() <= 1.1 * last.trajectory.steps(),
                dense.trajectory.steps() + " steps against " + last.trajectory.steps());
        for (String target : new String[] {"1e-7", "1e-33", "1e-100"}) {
            Runs.Recorder alone = target.equals("1e-100") ? last : new Runs.Recorder().run(new BdfIntegrator(),
                    Runs.problem(data, Runs.diagonal(2, 1.0, 200), Runs.targets(target)));
            Checkpoint interpolated = dense.checkpoints.stream()
                    .filter(checkpoint -> checkpoint.target().text().equals(target)).findFirst().orElseThrow();
            double distance = Runs.relativeDistance(interpolated.beta(), alone.checkpoints.get(0).beta());
            assertTrue(distance < 1e-7, target + ": " + distance);
        }
    }

    @ParameterizedTest
    @MethodSource("flowIntegrators")
    void lossDecreasesMonotonicallyAndCheckpointsLandOnTargets(Integrator integrator) {
        DataSet data = TeacherData.generate(10, 30, 3);
        boolean stiff = integrator instanceof BdfIntegrator;
        List<org.biasflow.api.TargetLoss> targets = stiff
                ? Runs.targets("1e-1", "1e-2", "1e-5", "1e-10", "1e-30", "1e-300", "1e-3000", "1e-10000", "1e-1000000")
                : Runs.targets("1e-1", "1e-2", "1e-5", "1e-10", "1e-30", "1e-300");
        Runs.Recorder run = new Runs.Recorder().run(integrator, Runs.problem(data, Runs.diagonal(2, 1.0, 30), targets));
        assertEquals(Status.COMPLETED, run.trajectory.status(), run.trajectory.message());
        assertEquals(targets.size(), run.checkpoints.size());
        for (int i = 1; i < run.progress.size(); i++) {
            double previous = run.progress.get(i - 1);
            assertTrue(run.progress.get(i) <= previous + 1e-12 * Math.abs(previous), "loss went up at report " + i);
        }
        long evaluations = 0;
        double log10Time = Double.NEGATIVE_INFINITY;
        for (Checkpoint checkpoint : run.checkpoints) {
            assertEquals(checkpoint.target().log10(), checkpoint.log10Loss(), 1e-9 * Math.abs(checkpoint.target().log10()));
            assertTrue(checkpoint.evaluations() >= evaluations);
            assertTrue(checkpoint.log10Time() > log10Time, "time runs forward");
            evaluations = checkpoint.evaluations();
            log10Time = checkpoint.log10Time();
        }
        assertTrue(run.trajectory.evaluations() > 0 && run.trajectory.steps() > 0);
    }

    /**
     * The stiff integrator's work per unit of ln ln(1/ε) does not grow between 1e-10 → 1e-100 and 1e-10000 →
     * 1e-1000000 (here about 75 evaluations per unit throughout), and Jacobians stay rare.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 10.0})
    void stiffWorkGrowsLikeLogLogOfOneOverTheLoss(double alpha) {
        List<org.biasflow.api.TargetLoss> targets = Runs.targets("1e-10", "1e-100", "1e-10000", "1e-1000000");
        Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(),
                Runs.problem(TeacherData.generate(10, 30, 1), Runs.diagonal(2, alpha, 30), targets));
        assertEquals(Status.COMPLETED, run.trajectory.status(), run.trajectory.message());
        double[] perLogLog = new double[2];
        for (int k = 0; k < 2; k++) {
            Checkpoint from = run.checkpoints.get(2 * k);
            Checkpoint to = run.checkpoints.get(2 * k + 1);
            double logLogs = Math.log(to.target().log10() / from.target().log10());
            perLogLog[k] = (to.evaluations() - from.evaluations()) / logLogs;
        }
        assertTrue(perLogLog[1] <= 1.5 * perLogLog[0], () -> java.util.Arrays.toString(perLogLog));
        assertTrue(run.trajectory.jacobians() * 10 <= run.trajectory.steps(),
                () -> run.trajectory.jacobians() + " Jacobians in " + run.trajectory.steps() + " steps");
    }

    @ParameterizedTest
    @MethodSource("flowIntegrators")
    void nonSeparableDataStallAtTheLossInfimum(Integrator integrator) {
        // x̃₂ = −2x̃₁: L = e^{−b} + e^{2b} along β·x̃₁ = b, smallest at b = −ln2/3 where L = 2^{1/3} + 2^{−2/3}
        DataSet data = Runs.data(new double[][] {{1.0, 0.3}, {-2.0, -0.6}});
        Runs.Recorder run = new Runs.Recorder().run(integrator,
                Runs.problem(data, Runs.diagonal(2, 1.0, 2), Runs.targets("1.95", "1e-10")));
        assertEquals(Status.STALLED, run.trajectory.status(), run.trajectory.message());
        double bound = Math.log10(Math.cbrt(2.0) + Math.pow(2.0, -2.0 / 3.0));
        assertTrue(run.trajectory.message().contains("cannot go below 10^" + String.format(java.util.Locale.ROOT, "%.5f", bound).substring(0, 6)),
                run.trajectory.message() + " vs " + bound);
        assertEquals(1, run.checkpoints.size(), "the checkpoint reached before the stall is kept");
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void nonFiniteModelFails(Integrator integrator) {
        Network broken = new Breaking(Runs.diagonal(2, 1.0, 30), null);
        Runs.Recorder run = new Runs.Recorder().run(integrator,
                Runs.problem(TeacherData.generate(10, 30, 1), broken, Runs.targets("1e-10")));
        assertEquals(Status.FAILED, run.trajectory.status());
        assertTrue(run.trajectory.message().contains("non-finite"), run.trajectory.message());
    }

    @ParameterizedTest
    @MethodSource("integrators")
    void throwingModelFailsWithItsMessage(Integrator integrator) {
        Network broken = new Breaking(Runs.diagonal(2, 1.0, 30), "boom in the model");
        Runs.Recorder run = new Runs.Recorder().run(integrator,
                Runs.problem(TeacherData.generate(10, 30, 1), broken, Runs.targets("1e-10")));
        assertEquals(Status.FAILED, run.trajectory.status());
        assertTrue(run.trajectory.message().contains("boom in the model"), run.trajectory.message());
    }

    @Test
    void logisticLossRuns() {
        DataSet data = TeacherData.generate(10, 30, 5);
        Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data, Runs.diagonal(2, 1.0, 30),
                new LogisticLoss(), Runs.targets("1e-1", "1e-10", "1e-10000"), Map.of()));
        assertEquals(Status.COMPLETED, run.trajectory.status(), run.trajectory.message());
        for (Checkpoint checkpoint : run.checkpoints) {
            assertEquals(checkpoint.target().log10(), checkpoint.log10Loss(), 1e-9 * Math.abs(checkpoint.target().log10()));
        }
    }

    @Test
    void cancellationIsHonoured() {
        Runs.Recorder run = new Runs.Recorder() {
            @Override
            public boolean isCancelled() {
                return !checkpoints.isEmpty();
            }
        }.run(new BdfIntegrator(), Runs.problem(TeacherData.generate(10, 30, 1), Runs.diagonal(2, 1.0, 30),
                Runs.targets("1e-2", "1e-1000")));
        assertEquals(Status.CANCELLED, run.trajectory.status());
        assertEquals(1, run.checkpoints.size());
    }

    @Test
    void evaluationCapStopsTheRun() {
        Runs.Recorder run = new Runs.Recorder().run(new DormandPrinceIntegrator(), Runs.problem(
                TeacherData.generate(10, 30, 1), Runs.diagonal(2, 1.0, 30), new org.biasflow.loss.internal.ExponentialLoss(),
                Runs.targets("1e-100000"), Map.of(Options.MAX_EVALUATIONS, "5000")));
        assertEquals(Status.LIMIT_REACHED, run.trajectory.status());
        assertTrue(run.trajectory.message().contains("max-evaluations"), run.trajectory.message());
    }

    /**
     * Near u = 10¹¹ the margins' rounding alone moves the weights by 10⁻⁵, and no step meets a relative tolerance of
     * 10⁻¹⁰: the flow, which went on in steps of 10⁻¹⁰ of ρ until its evaluations ran out (10⁸ of them, hours at
     * N = 1000), stops within a few thousand steps, says why, and keeps the checkpoints before. The cap here only
     * keeps the test short should it not.
     */
    @Test
    void aFlowPastWhatDoublesCanFollowStopsPromptlyAndSaysWhy() {
        Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(THREE_POINTS,
                Runs.diagonal(2, 1.0, 2), new org.biasflow.loss.internal.ExponentialLoss(),
                Runs.targets("1e-1000000", "1e-99999999999"),
                Map.of(Options.MAX_EVALUATIONS, "1000000")));

        assertEquals(Status.LIMIT_REACHED, run.trajectory.status(), run.trajectory.message());
        assertEquals(1, run.checkpoints.size(), "1e-1000000 is kept");
        String message = run.trajectory.message();
        assertTrue(message.startsWith("the flow stalled at log10 L = -") && message.contains("relative tolerance 1e-10")
                && message.endsWith("lower losses cannot be followed in double precision"), message);
        assertTrue(run.trajectory.evaluations() < 100_000, run.trajectory.evaluations() + " evaluations");
    }

    /**
     * Tolerances that ask bdf's first step to be shorter than doubles resolve end the flow at its start, naming them.
     * atol 1e-300 made the starting step NaN, and the run spun without end; 1e-28 ended it with no word on why.
     * (dormand-prince, of order 8 from its first step, starts at both.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"1e-28", "1e-300"})
    void tolerancesBelowWhatDoublesResolveStopTheFlowAtItsStartAndAreNamed(String absolute) {
        FlowProblem problem = new FlowProblem(THREE_POINTS, Runs.diagonal(2, 1.0, 2),
                new org.biasflow.loss.internal.ExponentialLoss(), Runs.targets("1e-10"),
                new Tolerances(1e-9, Double.parseDouble(absolute)), Map.of());
        Runs.Recorder run = assertTimeoutPreemptively(Duration.ofMinutes(1),
                () -> new Runs.Recorder().run(new BdfIntegrator(), problem), "the flow must end, not spin");

        assertEquals(Status.LIMIT_REACHED, run.trajectory.status(), run.trajectory.message());
        String message = run.trajectory.message();
        assertTrue(message.contains("before the first step") && message.contains("atol " + absolute), message);
    }

    /**
     * The ν flow weighs every νₙ's error against the largest |νₖ|: a point whose νₙ stayed small (fitted early) is
     * held to the same absolute error as the others, while the network's parameters keep a scale each.
     */
    @Test
    void theDualVariablesShareOneErrorScale() {
        DataSet data = TeacherData.generate(5, 7, 11);
        double[] y = {0.5, 1e-6, -2.0, 0.0, 0.25, 0.3, 0.2};
        double[] scale = new double[5];
        FlowRun.formulation(Runs.problem(data, Runs.diagonal(2, 1.0, 7), Runs.targets("1e-3")), new Counters())
                .coreErrorScale(y, 1e-9, 1e-12, scale);
        for (double entry : scale) {
            assertEquals(1e-12 + 1e-9 * 2.0, entry, 0.0);
        }
        double[] w = {0.5, 1e-6, -2.0, 0.0, 0.25};
        ReparametrizedFlow parameters = FlowRun.formulation(Runs.problem(data,
                Runs.withoutMirrorMap(Runs.diagonal(2, 1.0, 7)), Runs.targets("1e-3")), new Counters());
        double[] own = new double[parameters.core];
        double[] state = new double[parameters.dimension()];
        System.arraycopy(w, 0, state, 0, w.length);
        parameters.coreErrorScale(state, 1e-9, 1e-12, own);
        for (int i = 0; i < own.length; i++) {
            assertEquals(1e-12 + 1e-9 * Math.abs(state[i]), own[i], 0.0);
        }
    }

    @Test
    void mirrorJacobianMatchesFiniteDifferences() {
        DataSet data = TeacherData.generate(5, 7, 11);
        for (int depth : new int[] {2, 3}) {
            for (boolean logistic : new boolean[] {false, true}) {
                Network network = new org.biasflow.model.diagonal.internal.DiagonalModel().create(
                        org.biasflow.api.ModelSpec.of(depth, 0.8).withShape(new double[] {1.0}, new double[] {1.3}), 7);
                FlowProblem problem = Runs.problem(data, network,
                        logistic ? new LogisticLoss() : new org.biasflow.loss.internal.ExponentialLoss(),
                        Runs.targets("1e-3"), Map.of());
                ReparametrizedFlow flow = FlowRun.formulation(problem, new Counters());
                flow.clock(new Clock(-1.6, 0.05));
                double[] y = {0.03, 0.01, 0.05, 0.02, 0.04, 0.3, 0.2};
                double[][] exact = new double[7][7];
                double[][] numeric = new double[7][7];
                assertTrue(flow.jacobian(y, exact));
                assertTrue(Runs.finiteDifferenceJacobian(flow, y, numeric));
                for (int i = 0; i < 7; i++) {
                    for (int j = 0; j < 7; j++) {
                        assertEquals(numeric[i][j], exact[i][j], 1e-5 * (1 + Math.abs(exact[i][j])),
                                "D=" + depth + " logistic=" + logistic + " (" + i + "," + j + ")");
                    }
                }
            }
        }
    }

    /** A network that returns NaN (message null) or throws (message given) once its predictor is asked. */
    private record Breaking(Network inner, String message) implements Network {
        @Override
        public int parameterCount() {
            return inner.parameterCount();
        }

        @Override
        public double[] initialParameters() {
            return inner.initialParameters();
        }

        @Override
        public void predictor(double[] parameters, double[] beta) {
            if (message != null) {
                throw new IllegalStateException(message);
            }
            java.util.Arrays.fill(beta, Double.NaN);
        }

        @Override
        public void pullback(double[] parameters, double[] predictorGradient, double[] parameterGradient) {
            inner.pullback(parameters, predictorGradient, parameterGradient);
        }

        @Override
        public <C> Optional<C> capability(Class<C> type) {
            if (type != MirrorMap.class) {
                return Optional.empty();
            }
            MirrorMap mirror = new MirrorMap() {
                @Override
                public boolean predictor(double[] s, double[] beta, double[] slope, double[] curvature) {
                    Breaking.this.predictor(s, beta);
                    return true;
                }

                @Override
                public void parameters(double[] s, double[] parameters) {
                    inner.capability(MirrorMap.class).orElseThrow().parameters(s, parameters);
                }
            };
            return Optional.of(type.cast(mirror));
        }
    }
}
