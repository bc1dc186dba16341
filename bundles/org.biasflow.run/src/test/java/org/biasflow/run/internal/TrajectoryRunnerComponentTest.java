package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.Integrator;
import org.biasflow.api.Loss;
import org.biasflow.api.MirrorMap;
import org.biasflow.api.Tangents;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Trajectory;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with stand-in services: what it writes, and what it refuses before writing anything. */
class TrajectoryRunnerComponentTest {

    @TempDir
    Path folder;

    private final CatalogComponent catalog = new CatalogComponent();
    private final TrajectoryRunnerComponent runner = new TrajectoryRunnerComponent();
    private Path data;

    /** Reaches each target exactly, with β = (target, 1), then ends as told. */
    private Trajectory.Status ending = Trajectory.Status.COMPLETED;

    private final Integrator scripted = (problem, control) -> {
        for (TargetLoss target : problem.targets()) {
            control.checkpoint(new Checkpoint(target, target.log10(), Double.NaN,
                    new double[] {target.log10(), 1}, new double[4], 7));
        }
        return new Trajectory(ending, ending == Trajectory.Status.COMPLETED ? "" : "the loss cannot go below 1e-3",
                List.of(), 7, 0, 3, 0);
    };

    @BeforeEach
    void setUp() throws IOException {
        data = folder.resolve("data.csv");
        Files.writeString(data, "y,x1,x2\n1,1,0\n-1,0,1\n");
        catalog.bindModel((spec, d) -> Stubs.network(spec), StubReference.named("diagonal"));
        catalog.bindLoss((m, w, c) -> 0, StubReference.named("exponential"));
        catalog.bindIntegrator(scripted, StubReference.named("scripted"));
        catalog.bindAnalyzer(context -> new CheckpointMeasure() {
            @Override
            public List<String> columns() {
                return List.of("first_beta");
            }

            @Override
            public double[] measure(Checkpoint checkpoint) {
                return new double[] {checkpoint.beta()[0]};
            }
        }, StubReference.named("first"));
        runner.catalog = catalog;
        runner.configure(Stubs.defaults("scripted"));
    }

    private RunRequest request(double alpha, String loss, Path out) {
        return new RunRequest(data, "diagonal", ModelSpec.of(2, alpha), loss,
                List.of(TargetLoss.parse("1e-10"), TargetLoss.parse("1e-1")), out, null, Map.of());
    }

    private static final RunControl QUIET = checkpoint -> {
    };

    @Test
    void writesCheckpointsWithAnalyzerColumnsAndARunRecord() throws IOException {
        Path out = folder.resolve("run");

        RunOutcome outcome = runner.run(request(1.0, "exponential", out), QUIET);

        assertEquals(Trajectory.Status.COMPLETED, outcome.trajectory().status());
        assertEquals(List.of(
                "target,log10_target,log10_loss,log10_time,evaluations,first_beta,beta_1,beta_2",
                "1e-1,-1.0,-1.0,NaN,7,-1.0,-1.0,1.0",
                "1e-10,-10.0,-10.0,NaN,7,-10.0,-10.0,1.0"), Files.readAllLines(out.resolve("checkpoints.csv")));
        String record = Files.readString(out.resolve("run.json"));
        assertTrue(record.contains("\"status\": \"completed\""), record);
        assertTrue(record.contains("\"integrator\": \"scripted\""), record);
        assertTrue(record.contains("\"sha256\": \""), record);
    }

    @Test
    void pointsCarryMarginsWeightsAndSupportFlagsAndParametersAreWrittenAsAsked() throws IOException {
        catalog.bindLoss(TrajectoryRunnerComponentTest::softmaxOfNegativeMargins, StubReference.named("softmax"));
        Path out = folder.resolve("points");

        runner.run(request(1.0, "softmax", out), QUIET);

        // data x̃₁ = (1, 0), x̃₂ = (0, −1); at 1e-10, β = (−10, 1): margins −10 and −1, so γ < 0 and the weights
        // are the softmax of (10, 1)
        List<String> points = Files.readAllLines(out.resolve("points.csv"));
        assertEquals("checkpoint,log10_loss,point,label,margin,normalized_margin,weight,nu,support", points.get(0));
        assertEquals(1 + 2 * 2, points.size());
        double total = 1 + Math.exp(-9);
        assertEquals("2,-10.0,1,1,-10.0,NaN," + 1 / total + ",NaN,1", points.get(3));
        assertEquals("2,-10.0,2,-1,-1.0,NaN," + Math.exp(-9) / total + ",NaN,1", points.get(4));
        assertEquals(List.of("checkpoint,log10_loss,w_1,w_2,w_3,w_4", "1,-1.0,0.0,0.0,0.0,0.0",
                "2,-10.0,0.0,0.0,0.0,0.0"), Files.readAllLines(out.resolve("parameters.csv")));
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"parameter_count\": 4"));

        Path without = folder.resolve("without");
        runner.run(new RunRequest(data, "diagonal", ModelSpec.of(2, 1.0), "softmax", List.of(TargetLoss.parse("1e-1")),
                without, null, Map.of(), ParameterOutput.NONE), QUIET);
        assertFalse(Files.exists(without.resolve("parameters.csv")));
        assertTrue(Files.readString(without.resolve("run.json")).contains("\"parameters\": \"none\""));
    }

    @Test
    void anIntegratorThatFollowsNuHasItRecordedBesideEachPoint() throws IOException {
        catalog.bindIntegrator((problem, control) -> {
            TargetLoss target = problem.targets().get(0);
            control.checkpoint(new Checkpoint(target, target.log10(), 0.5, new double[] {2, -4}, new double[4], 3),
                    new double[] {0.25, 0.75});
            return new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 3, 0, 1, 0);
        }, StubReference.named("dual"));
        runner.configure(Stubs.defaults("dual"));
        Path out = folder.resolve("dual");

        runner.run(request(1.0, "exponential", out), QUIET);

        // margins 2 and 4, so γ = 2 and the normalized margins are 1 and 2; the stub loss leaves the weights 0
        assertEquals(List.of("checkpoint,log10_loss,point,label,margin,normalized_margin,weight,nu,support",
                "1,-1.0,1,1,2.0,1.0,0.0,0.25,0", "1,-1.0,2,-1,4.0,2.0,0.0,0.75,0"),
                Files.readAllLines(out.resolve("points.csv")));
    }

    private static double softmaxOfNegativeMargins(double[] margins, double[] weights, double[] curvature) {
        double smallest = Math.min(margins[0], margins[1]);
        double total = 0;
        for (int n = 0; n < margins.length; n++) {
            weights[n] = Math.exp(smallest - margins[n]);
            total += weights[n];
        }
        for (int n = 0; n < margins.length; n++) {
            weights[n] /= total;
        }
        return Math.log(total) - smallest;
    }

    @Test
    void aStalledRunKeepsItsCheckpointsAndSaysWhy() throws IOException {
        ending = Trajectory.Status.STALLED;
        Path out = folder.resolve("stalled");

        RunOutcome outcome = runner.run(request(1.0, "exponential", out), QUIET);

        assertEquals(Trajectory.Status.STALLED, outcome.trajectory().status());
        assertEquals(3, Files.readAllLines(out.resolve("checkpoints.csv")).size());
        assertTrue(Files.readString(out.resolve("run.json")).contains("the loss cannot go below 1e-3"));
    }

    /** The analyzers prepare beside the flow: the flow starts at once, and its first row waits for their columns. */
    @Test
    void theFlowStartsWhileTheAnalyzersPrepareAndItsFirstRowWaitsForThem() throws Exception {
        java.util.concurrent.CountDownLatch flowStarted = new java.util.concurrent.CountDownLatch(1);
        catalog.bindAnalyzer(context -> {
            try {
                assertTrue(flowStarted.await(30, java.util.concurrent.TimeUnit.SECONDS),
                        "the flow did not start while the analyzer was preparing");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new CheckpointMeasure() {
                @Override
                public List<String> columns() {
                    return List.of("late");
                }

                @Override
                public double[] measure(Checkpoint checkpoint) {
                    return new double[] {42};
                }
            };
        }, StubReference.named("slow"));
        catalog.bindIntegrator((problem, control) -> {
            flowStarted.countDown();
            return scripted.integrate(problem, control);
        }, StubReference.named("starting"));
        runner.configure(Stubs.defaults("starting"));
        Path out = folder.resolve("aside");

        RunOutcome outcome = runner.run(request(1.0, "exponential", out), QUIET);

        assertEquals(Trajectory.Status.COMPLETED, outcome.trajectory().status());
        List<String> rows = Files.readAllLines(out.resolve("checkpoints.csv"));
        assertTrue(rows.get(0).contains(",late,"), rows.get(0));
        assertTrue(rows.get(1).contains(",42.0,"), rows.get(1));
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"status\": \"completed\""));
    }

    /** A drop-in analyzer built against classes that are not there costs its own columns, not the run. */
    @Test
    void anAnalyzerThatCannotLinkIsAWarningAndTheRunGoesOn() throws IOException {
        catalog.bindAnalyzer(context -> {
            throw new NoClassDefFoundError("org/example/Missing");
        }, StubReference.named("unlinked"));
        Path out = folder.resolve("unlinked");

        RunOutcome outcome = runner.run(request(1.0, "exponential", out), QUIET);

        assertEquals(Trajectory.Status.COMPLETED, outcome.trajectory().status());
        assertEquals("target,log10_target,log10_loss,log10_time,evaluations,first_beta,beta_1,beta_2",
                Files.readAllLines(out.resolve("checkpoints.csv")).get(0));
        String record = Files.readString(out.resolve("run.json"));
        assertTrue(record.contains("analyzer 'unlinked'") && record.contains("org/example/Missing"), record);
    }

    /** checkpoints.csv waits for the analyzers' columns; a run that ends before its first checkpoint still has it. */
    @Test
    void aRunEndedBeforeItsFirstCheckpointStillWritesTheHeader() throws IOException {
        catalog.bindIntegrator((problem, control) -> new Trajectory(Trajectory.Status.STALLED, "stalled at once",
                List.of(), 1, 0, 0, 0), StubReference.named("stalling"));
        runner.configure(Stubs.defaults("stalling"));
        Path out = folder.resolve("empty");

        runner.run(request(1.0, "exponential", out), QUIET);

        assertEquals(List.of("target,log10_target,log10_loss,log10_time,evaluations,first_beta,beta_1,beta_2"),
                Files.readAllLines(out.resolve("checkpoints.csv")));
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"checkpoints\": 0"));
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        Path out = folder.resolve("refused");

        assertThrows(IllegalArgumentException.class, () -> runner.run(request(-1.0, "exponential", out), QUIET));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> runner.run(request(1.0, "hinge", out), QUIET));

        assertEquals("unknown loss 'hinge'; registered: exponential", unknown.getMessage());
        assertFalse(Files.exists(out));
    }

    /**
     * Writes into a file removed while open succeed, into nothing anyone can read: a run whose checkpoints.csv was
     * removed under it (its folder deleted, say) failed to write, and says so, instead of reporting checkpoints that
     * are not there.
     */
    @Test
    void aRunWhoseTableWasRemovedUnderItSaysItsRowsAreLost() throws IOException {
        Path out = folder.resolve("removed");
        catalog.bindIntegrator((problem, control) -> {
            for (TargetLoss target : problem.targets()) {
                control.checkpoint(new Checkpoint(target, target.log10(), Double.NaN, new double[] {1, 1},
                        new double[4], 1));
                try {
                    Files.deleteIfExists(out.resolve("checkpoints.csv"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0);
        }, StubReference.named("undermined"));
        runner.configure(Stubs.defaults("undermined"));

        RunOutcome outcome = runner.run(request(1.0, "exponential", out), QUIET);

        assertEquals(Trajectory.Status.FAILED, outcome.trajectory().status());
        assertTrue(outcome.trajectory().message().startsWith(out.resolve("checkpoints.csv") + " was removed while"),
                outcome.trajectory().message());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"write_failed\": true"));
    }

    @Test
    void aThrowingIntegratorEndsTheRunAsFailedNamingIt() throws IOException {
        catalog.bindIntegrator((problem, control) -> {
            throw new IllegalStateException("boom");
        }, StubReference.named("broken"));
        runner.configure(Stubs.defaults("broken"));
        Path out = folder.resolve("failed");

        RunOutcome outcome = runner.run(request(1.0, "exponential", out), QUIET);

        assertEquals(Trajectory.Status.FAILED, outcome.trajectory().status());
        assertTrue(outcome.trajectory().message().contains("integrator 'broken'"), outcome.trajectory().message());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"status\": \"failed\""));
    }

    @Test
    void aThrowingLossIsNamedInTheFailure() {
        catalog.bindLoss((margins, weights, curvature) -> {
            throw new ArithmeticException("no");
        }, StubReference.named("throwing"));
        useCarefulIntegrator(problem -> problem.loss().evaluate(new double[2], new double[2], null));

        RunOutcome outcome = runner.run(request(1.0, "throwing", folder.resolve("throwing")), QUIET);

        assertEquals(Trajectory.Status.FAILED, outcome.trajectory().status());
        assertTrue(outcome.trajectory().message().contains("loss 'throwing' of bundle"),
                outcome.trajectory().message());
        assertTrue(outcome.trajectory().message().contains("ArithmeticException: no"));
    }

    /**
     * A loss that shifts its margins in place computes its own value right and corrupts the caller's margins, which
     * the integrator goes on with: the run fails, naming the loss and what it changed.
     */
    @Test
    void aLossThatChangesTheMarginsItIsGivenIsNamed() {
        catalog.bindLoss((margins, weights, curvature) -> {
            double least = Math.min(margins[0], margins[1]);
            for (int n = 0; n < margins.length; n++) {
                margins[n] -= least;
            }
            return 0;
        }, StubReference.named("shifting"));
        useCarefulIntegrator(problem -> problem.loss().evaluate(new double[] {3, 5}, new double[2], null));

        RunOutcome outcome = runner.run(request(1.0, "shifting", folder.resolve("shifting")), QUIET);

        assertEquals("the model or loss failed: loss 'shifting' of bundle ? ? changed the margins it was given, which"
                + " are the caller's to keep: it may only read them (and work on a copy)",
                outcome.trajectory().message());
    }

    /** The same for a network that works on the parameters it is given. */
    @Test
    void aNetworkThatChangesTheParametersItIsGivenIsNamed() {
        catalog.bindModel((spec, d) -> new org.biasflow.api.Network() {
            @Override
            public int parameterCount() {
                return 2;
            }

            @Override
            public double[] initialParameters() {
                return new double[] {1, 1};
            }

            @Override
            public void predictor(double[] parameters, double[] beta) {
                for (int i = 0; i < 2; i++) {
                    parameters[i] *= parameters[i];
                    beta[i] = parameters[i];
                }
            }

            @Override
            public void pullback(double[] parameters, double[] predictorGradient, double[] parameterGradient) {
                System.arraycopy(predictorGradient, 0, parameterGradient, 0, 2);
            }
        }, StubReference.named("squaring"));
        useCarefulIntegrator(problem -> problem.network().predictor(new double[] {2, 3}, new double[2]));

        RunOutcome outcome = runner.run(new RunRequest(data, "squaring", ModelSpec.of(2, 1.0), "exponential",
                List.of(TargetLoss.parse("1e-1")), folder.resolve("squaring"), null, Map.of()), QUIET);

        assertTrue(outcome.trajectory().message().startsWith("the model or loss failed: model 'squaring' of bundle ? ?"
                + " changed the parameters it was given"), outcome.trajectory().message());
    }

    /** Runs with an integrator that makes {@code call} and fails, as the flow does, with what it threw. */
    private void useCarefulIntegrator(java.util.function.Consumer<org.biasflow.api.FlowProblem> call) {
        catalog.bindIntegrator((problem, control) -> {
            try {
                call.accept(problem);
                return new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0);
            } catch (RuntimeException e) {
                return new Trajectory(Trajectory.Status.FAILED, "the model or loss failed: " + e.getMessage(),
                        List.of(), 1, 0, 0, 0);
            }
        }, StubReference.named("careful"));
        runner.configure(Stubs.defaults("careful"));
    }

    @Test
    void aNonFiniteLossIsNamedWhenTheRunFails() {
        catalog.bindLoss((margins, weights, curvature) -> Double.NaN, StubReference.named("nan"));
        catalog.bindIntegrator((problem, control) -> {
            problem.loss().evaluate(new double[2], new double[2], null);
            return new Trajectory(Trajectory.Status.FAILED, "non-finite vector field", List.of(), 1, 0, 0, 0);
        }, StubReference.named("strict"));
        runner.configure(Stubs.defaults("strict"));

        RunOutcome outcome = runner.run(request(1.0, "nan", folder.resolve("nan")), QUIET);

        assertEquals("loss 'nan' of bundle ? ? returned a non-finite value for finite input; non-finite vector"
                + " field", outcome.trajectory().message());
    }

    @Test
    void theGuardedMirrorMapPassesTheCompensatedArgumentThrough() {
        double[] seen = new double[2];
        MirrorMap exact = new MirrorMap() {
            @Override
            public boolean predictor(double[] s, double[] beta, double[] slope, double[] curvature) {
                throw new AssertionError("the rounded form must not be called");
            }

            @Override
            public boolean predictor(double[] sHigh, double[] sLow, double[] beta, double[] slope,
                    double[] curvature) {
                seen[0] = sHigh[0];
                seen[1] = sLow[0];
                beta[0] = 1;
                return true;
            }

            @Override
            public void parameters(double[] s, double[] parameters) {
            }
        };
        Network network = new GuardedServices(catalog.services().get(0), catalog.services().get(1))
                .guard(offering(MirrorMap.class, exact, 2));

        boolean inside = network.capability(MirrorMap.class).orElseThrow()
                .predictor(new double[] {333.0}, new double[] {1e-14}, new double[1], null, null);

        assertTrue(inside);
        assertEquals(333.0, seen[0]);
        assertEquals(1e-14, seen[1]);
    }

    @Test
    void theNetworksTangentsAreGuardedLikeItsOtherMethods() {
        Tangents throwing = new Tangents() {
            @Override
            public void tangent(double[] parameters, double[] direction, double[] betaTangent) {
                throw new IllegalStateException("no forward mode today");
            }

            @Override
            public void pullbackTangent(double[] parameters, double[] g, double[] direction, double[] out) {
                java.util.Arrays.fill(out, Double.NaN);
            }
        };
        GuardedServices guards = new GuardedServices(catalog.services().get(0), catalog.services().get(1));
        Network network = guards.guard(offering(Tangents.class, throwing, 1));
        Tangents guarded = network.capability(Tangents.class).orElseThrow();

        RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> guarded.tangent(new double[1], new double[] {1.0}, new double[1]));
        guarded.pullbackTangent(new double[1], new double[] {1.0}, new double[] {1.0}, new double[1]);

        String model = GuardedServices.describe(catalog.services().get(0));
        assertTrue(failure.getMessage().contains(model) && failure.getMessage().contains("no forward mode today"),
                failure.getMessage());
        assertTrue(guards.firstNonFinite().startsWith(model + " returned a non-finite pullback tangent"),
                guards.firstNonFinite());
    }

    /** A network of the given size that does nothing but offer one capability. */
    private static <T> Network offering(Class<T> offered, T capability, int parameterCount) {
        return new Network() {
            @Override
            public int parameterCount() {
                return parameterCount;
            }

            @Override
            public double[] initialParameters() {
                return new double[parameterCount];
            }

            @Override
            public void predictor(double[] parameters, double[] beta) {
            }

            @Override
            public void pullback(double[] parameters, double[] g, double[] gradient) {
            }

            @Override
            public <C> Optional<C> capability(Class<C> type) {
                return type == offered ? Optional.of(type.cast(capability)) : Optional.empty();
            }
        };
    }

    @Test
    void aServiceLeavingMidRunEndsItNamingTheServiceAndKeepsCheckpoints() throws IOException {
        StubReference<Loss> leaving = StubReference.named("leaving");
        Loss loss = (margins, weights, curvature) -> 0;
        catalog.bindLoss(loss, leaving);
        catalog.bindIntegrator((problem, control) -> {
            TargetLoss first = problem.targets().get(0);
            control.checkpoint(new Checkpoint(first, first.log10(), Double.NaN, new double[2], new double[4], 1));
            catalog.unbindLoss(loss, leaving);
            return control.isCancelled()
                    ? new Trajectory(Trajectory.Status.CANCELLED, "cancelled", List.of(), 1, 0, 1, 0)
                    : new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0);
        }, StubReference.named("polling"));
        runner.configure(Stubs.defaults("polling"));
        Path out = folder.resolve("left");

        RunOutcome outcome = runner.run(request(1.0, "leaving", out), QUIET);

        assertEquals(Trajectory.Status.FAILED, outcome.trajectory().status());
        assertTrue(outcome.trajectory().message().startsWith("loss 'leaving' of bundle ? ? went away during the run"),
                outcome.trajectory().message());
        assertEquals(2, Files.readAllLines(out.resolve("checkpoints.csv")).size());
    }

    /** Reaches the first target, then waits until cancelled, polling as an integrator does between steps. */
    private void bindWaitingIntegrator(java.util.concurrent.CountDownLatch started) {
        catalog.bindIntegrator((problem, control) -> {
            TargetLoss first = problem.targets().get(0);
            control.checkpoint(new Checkpoint(first, first.log10(), Double.NaN, new double[2], new double[4], 1));
            started.countDown();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!control.isCancelled()) {
                if (System.nanoTime() > deadline) {
                    return new Trajectory(Trajectory.Status.LIMIT_REACHED, "never cancelled", List.of(), 1, 0, 1, 0);
                }
                Thread.onSpinWait();
            }
            return new Trajectory(Trajectory.Status.CANCELLED, "cancelled at log10 L = -1.5", List.of(), 5, 0, 2, 0);
        }, StubReference.named("waiting"));
        runner.configure(Stubs.defaults("waiting"));
    }

    private RunOutcome runInBackground(RunRequest request, java.util.concurrent.CountDownLatch started,
            Runnable whileRunning) throws Exception {
        java.util.concurrent.CompletableFuture<RunOutcome> outcome = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> runner.run(request, QUIET));
        assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
        whileRunning.run();
        return outcome.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedAndTheFirstStaysWhole() throws IOException {
        Path out = folder.resolve("taken");
        runner.run(request(1.0, "exponential", out), QUIET);
        String record = Files.readString(out.resolve("run.json"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> runner.run(request(2.0, "exponential", out), QUIET));

        assertTrue(refused.getMessage().contains("already holds a run (completed, 2 checkpoints)"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("--overwrite"), refused.getMessage());
        assertEquals(record, Files.readString(out.resolve("run.json")));
    }

    @Test
    void anOverwriteReplacesTheOldRunOnlyOnceTheNewOneHasItsRecord() throws IOException {
        Path out = folder.resolve("replaced");
        runner.run(request(1.0, "exponential", out), QUIET);
        String old = Files.readString(out.resolve("run.json"));
        List<String> seenDuringTheRun = new java.util.ArrayList<>();
        catalog.bindIntegrator((problem, control) -> {
            try {
                seenDuringTheRun.add(Files.readString(out.resolve("run.json")));
            } catch (IOException e) {
                seenDuringTheRun.add("missing: " + e);
            }
            return scripted.integrate(problem, control);
        }, StubReference.named("peeking"));
        runner.configure(Stubs.defaults("peeking"));

        RunRequest again = new RunRequest(data, "diagonal", ModelSpec.of(2, 3.0), "exponential",
                List.of(TargetLoss.parse("1e-5")), out, null, Map.of(), null, true);
        RunOutcome outcome = runner.run(again, QUIET);

        assertEquals(List.of(old), seenDuringTheRun, "the old run stays whole while the new one runs");
        assertEquals(out.toAbsolutePath().normalize(), outcome.output());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"alpha\": 3.0"));
        assertEquals(2, Files.readAllLines(out.resolve("checkpoints.csv")).size());
        try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
            assertEquals(List.of(), entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".replaced"))
                    .toList(), "nothing is left beside the folder");
        }
    }

    @Test
    void cancellingARunEndsItAsCancelledWithItsRecordAndTheCheckpointsReached() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        bindWaitingIntegrator(started);
        Path out = folder.resolve("cancelled");

        RunOutcome outcome = runInBackground(request(1.0, "exponential", out), started,
                () -> assertEquals(1, runner.cancelAll()));

        assertEquals(Trajectory.Status.CANCELLED, outcome.trajectory().status());
        assertEquals("cancelled by bf:cancel; stopped at log10 L = -1.5; the 1 checkpoint reached is kept",
                outcome.trajectory().message());
        String record = Files.readString(out.resolve("run.json"));
        assertTrue(record.contains("\"status\": \"cancelled\""), record);
        assertTrue(record.contains("\"checkpoints\": 1"), record);
        assertEquals(2, Files.readAllLines(out.resolve("checkpoints.csv")).size());
        assertEquals(0, runner.cancelAll(), "nothing runs any more");
    }

    /**
     * A flow that never returns, deaf to cancellation (a drop-in's endless loop): the run ends anyway once it has had
     * its time, with its record and the checkpoint reached, naming where the flow is stuck; what the flow reports
     * after that is not written.
     */
    @Test
    void aCancelledFlowThatNeverReturnsIsLeftAndTheRunStillEndsWithItsRecord() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch lateCheckpointTried = new java.util.concurrent.CountDownLatch(1);
        catalog.bindIntegrator((problem, control) -> {
            TargetLoss first = problem.targets().get(0);
            control.checkpoint(new Checkpoint(first, first.log10(), Double.NaN, new double[2], new double[4], 1));
            started.countDown();
            spinUntil(released);
            TargetLoss second = problem.targets().get(1);
            control.checkpoint(new Checkpoint(second, second.log10(), Double.NaN, new double[2], new double[4], 2));
            lateCheckpointTried.countDown();
            return new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 2, 0, 2, 0);
        }, StubReference.named("deaf"));
        runner.configure(Stubs.defaults("deaf"));
        runner.abandonMillis = 1000;
        Path out = folder.resolve("stuck");

        try {
            long start = System.nanoTime();
            RunOutcome outcome = runInBackground(request(1.0, "exponential", out), started,
                    () -> assertEquals(1, runner.cancelAll()));

            assertTrue(System.nanoTime() - start < 15_000_000_000L, "ends within seconds of its cancellation");
            assertEquals(Trajectory.Status.CANCELLED, outcome.trajectory().status());
            String message = outcome.trajectory().message();
            assertTrue(message.startsWith("cancelled by bf:cancel; the flow did not return within 1 s: it is in "
                    + TrajectoryRunnerComponentTest.class.getName() + ".spinUntil, and is left running; the 1"
                    + " checkpoint reached is kept"), message);
            String record = Files.readString(out.resolve("run.json"));
            assertTrue(record.contains("\"status\": \"cancelled\""), record);
            assertEquals(0, runner.cancelAll(), "the run is over");
        } finally {
            released.countDown();
        }
        assertTrue(lateCheckpointTried.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, Files.readAllLines(out.resolve("checkpoints.csv")).size(), "nothing written after the end");
    }

    /**
     * A model whose create() never returns, deaf to cancellation: the run ends once it has had its time, before
     * anything is written, naming where create() is stuck; the next run goes on as usual.
     */
    @Test
    void aCancelledCreateThatNeverReturnsIsLeftBeforeAnythingIsWritten() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        catalog.bindModel((spec, d) -> {
            started.countDown();
            spinUntil(released);
            return Stubs.network(spec);
        }, StubReference.named("stuck"));
        runner.abandonMillis = 1000;
        Path out = folder.resolve("never-created");
        RunRequest stuck = new RunRequest(data, "stuck", ModelSpec.of(2, 1.0), "exponential",
                List.of(TargetLoss.parse("1e-1")), out, null, Map.of());
        try {
            java.util.concurrent.FutureTask<RunOutcome> run = new java.util.concurrent.FutureTask<>(
                    () -> runner.run(stuck, QUIET));
            new Thread(run).start();
            assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, runner.cancelAll(), "a run whose network is being created is a run going on");

            java.util.concurrent.ExecutionException ended = assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> run.get(20, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(ended.getCause() instanceof java.util.concurrent.CancellationException, ended.toString());
            String message = ended.getCause().getMessage();
            assertTrue(message.startsWith("cancelled by bf:cancel; create() of model 'stuck' of bundle "), message);
            assertTrue(message.endsWith(" did not return within 1 s: it is in "
                    + TrajectoryRunnerComponentTest.class.getName() + ".spinUntil, and is left running; nothing was"
                    + " written"), message);
            assertFalse(Files.exists(out), "nothing written");
            assertEquals(0, runner.cancelAll(), "the run is over");
        } finally {
            released.countDown();
        }
        assertEquals(Trajectory.Status.COMPLETED,
                runner.run(request(1.0, "exponential", folder.resolve("after")), QUIET).trajectory().status());
    }

    /**
     * A run that ran out of memory, in the integrator or in a service, failed for a reason of the machine, which
     * run.json says; any other failure is the trajectory's own.
     */
    @Test
    void aRunThatRanOutOfMemorySaysSo() throws IOException {
        catalog.bindIntegrator((problem, control) -> {
            throw new OutOfMemoryError("Java heap space");
        }, StubReference.named("hungry"));
        catalog.bindIntegrator((problem, control) -> {
            problem.loss().evaluate(new double[2], new double[2], null);
            return new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0);
        }, StubReference.named("evaluating"));
        catalog.bindLoss((m, w, c) -> {
            throw new OutOfMemoryError("Java heap space");
        }, StubReference.named("hungry-loss"));
        catalog.bindIntegrator((problem, control) -> {
            throw new IllegalStateException("a bug");
        }, StubReference.named("buggy"));
        String[][] cases = {{"hungry", "exponential", "true"}, {"evaluating", "hungry-loss", "true"},
            {"buggy", "exponential", "false"}};
        for (String[] each : cases) {
            Path out = folder.resolve(each[0]);
            RunOutcome outcome = runner.run(new RunRequest(data, "diagonal", ModelSpec.of(2, 1.0), each[1],
                    List.of(TargetLoss.parse("1e-1")), out, each[0], Map.of()), QUIET);

            assertEquals(Trajectory.Status.FAILED, outcome.trajectory().status(), each[0]);
            String record = Files.readString(out.resolve("run.json"));
            assertTrue(record.contains("\"out_of_memory\": " + each[2]), each[0] + ": " + record);
        }
    }

    /** Busy until released, deaf to interrupts and cancellation. */
    private static void spinUntil(java.util.concurrent.CountDownLatch released) {
        while (released.getCount() > 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * A reference solve can take minutes at large N: a run cancelled while its analyzers prepare does not wait for
     * them. Its first checkpoint, already reached, is written without their columns, which run.json says, and their
     * thread is interrupted, so that they stop preparing for no one.
     */
    @Test
    void aRunCancelledWhileItsAnalyzersPrepareEndsWithoutWaitingForThem() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        catalog.bindAnalyzer(context -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException(e);
            }
            return null;
        }, StubReference.named("slow"));
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        catalog.bindIntegrator((problem, control) -> {
            started.countDown();
            TargetLoss first = problem.targets().get(0);
            control.checkpoint(new Checkpoint(first, first.log10(), Double.NaN, new double[2], new double[4], 1));
            while (!control.isCancelled()) {
                Thread.onSpinWait();
            }
            return new Trajectory(Trajectory.Status.CANCELLED, "cancelled at log10 L = -1.5", List.of(), 5, 0, 2, 0);
        }, StubReference.named("reaching"));
        runner.configure(Stubs.defaults("reaching"));
        Path out = folder.resolve("cancelled-preparing");
        try {
            RunOutcome outcome = runInBackground(request(1.0, "exponential", out), started,
                    () -> assertEquals(1, runner.cancelAll()));

            assertEquals(Trajectory.Status.CANCELLED, outcome.trajectory().status());
            assertEquals(List.of("target,log10_target,log10_loss,log10_time,evaluations,first_beta,beta_1,beta_2",
                    "1e-1,-1.0,-1.0,NaN,1,0.0,0.0,0.0"), Files.readAllLines(out.resolve("checkpoints.csv")));
            String record = Files.readString(out.resolve("run.json"));
            assertTrue(record.contains("analyzer 'slow'") && record.contains("was still preparing when the run was"
                    + " cancelled"), record);
            assertTrue(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS), "the preparing analyzer was"
                    + " interrupted");
        } finally {
            release.countDown();
        }
    }

    @Test
    void theFrameworkStoppingCancelsRunsAndWaitsForTheirRecords() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        bindWaitingIntegrator(started);
        Path out = folder.resolve("stopped");

        RunOutcome outcome = runInBackground(request(1.0, "exponential", out), started, () -> {
            runner.stopAll();
            assertTrue(Files.exists(out.resolve("run.json")), "the stop returns once the record is written");
        });

        assertEquals(Trajectory.Status.CANCELLED, outcome.trajectory().status());
        assertTrue(outcome.trajectory().message().startsWith(TrajectoryRunnerComponent.SHUTDOWN),
                outcome.trajectory().message());
    }

    @Test
    void aCancelRequestInTheOutputFolderStopsTheRunFromAnyProcess() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        bindWaitingIntegrator(started);
        Path out = folder.resolve("asked");

        RunOutcome outcome = runInBackground(request(1.0, "exponential", out), started,
                () -> assertEquals(1, runner.cancel(out).size()));

        assertEquals(Trajectory.Status.CANCELLED, outcome.trajectory().status());
        assertTrue(outcome.trajectory().message().startsWith("cancelled by bf:cancel --out"),
                outcome.trajectory().message());
        assertFalse(Files.exists(out.resolve(OutputFolder.CANCEL)));
    }

    @Test
    void anInterruptedCommandThreadStillWritesItsRecord() throws Exception {
        Thread command = Thread.currentThread();
        catalog.bindIntegrator((problem, control) -> {
            TargetLoss first = problem.targets().get(0);
            control.checkpoint(new Checkpoint(first, first.log10(), Double.NaN, new double[2], new double[4], 1));
            command.interrupt(); // as Gogo does to its job threads when its bundle stops
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!control.isCancelled() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return control.isCancelled()
                    ? new Trajectory(Trajectory.Status.CANCELLED, "cancelled", List.of(), 1, 0, 1, 0)
                    : new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0);
        }, StubReference.named("interrupted"));
        runner.configure(Stubs.defaults("interrupted"));
        Path out = folder.resolve("interrupted");

        RunOutcome outcome;
        try {
            outcome = runner.run(request(1.0, "exponential", out), QUIET);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }

        assertEquals(Trajectory.Status.CANCELLED, outcome.trajectory().status());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"status\": \"cancelled\""));
    }

    @Test
    void checkpointsAreAppendedAndTheRecordCountsTheRowsOnDisk() throws IOException {
        List<TargetLoss> many = new java.util.ArrayList<>();
        for (int k = 1; k <= 2000; k++) {
            many.add(TargetLoss.ofLog10(-k));
        }
        Path out = folder.resolve("many");
        long start = System.nanoTime();

        runner.run(new RunRequest(data, "diagonal", ModelSpec.of(2, 1.0), "exponential", many, out, null, Map.of()),
                QUIET);

        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(2001, Files.readAllLines(out.resolve("checkpoints.csv")).size());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"checkpoints\": 2000"));
        assertTrue(seconds < 20, "2000 checkpoints took " + seconds + " s");
    }
}
