package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Trajectory;
import org.biasflow.data.IoProblems;
import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepRunnerComponentTest {

    @TempDir
    Path folder;

    private final CatalogComponent catalog = new CatalogComponent();
    private final SweepRunnerComponent sweeps = new SweepRunnerComponent();
    private final TrajectoryRunnerComponent runner = new TrajectoryRunnerComponent();
    private Path data;

    /** Held closed, it keeps trajectories running until the test lets them go on. */
    private volatile CountDownLatch release = new CountDownLatch(0);

    @BeforeEach
    void setUp() throws IOException {
        data = folder.resolve("data.csv");
        Files.writeString(data, "1,1,0\n-1,0,1\n");
        catalog.bindModel((spec, d) -> Stubs.network(spec), StubReference.named("diagonal"));
        catalog.bindLoss((m, w, c) -> 0, StubReference.named("exponential"));
        catalog.bindIntegrator((problem, control) -> {
            for (TargetLoss target : problem.targets()) {
                if (control.isCancelled()) {
                    return new Trajectory(Trajectory.Status.CANCELLED, "cancelled", List.of(), 0, 0, 0, 0);
                }
                control.checkpoint(new Checkpoint(target, target.log10(), Double.NaN,
                        new double[] {target.log10(), 1}, new double[4], 1));
                awaitRelease();
            }
            return new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0);
        }, StubReference.named("scripted"));
        runner.catalog = catalog;
        runner.configure(Stubs.defaults("scripted"));
        sweeps.runner = runner;
        sweeps.catalog = catalog;
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SweepRequest request(Path out, int threads) {
        return new SweepRequest(data, "diagonal", "exponential", List.of(0.1, 1.0, 10.0), List.of(2, 3),
                List.of(TargetLoss.parse("1e-1"), TargetLoss.parse("1e-10")), out, null, threads, Map.of());
    }

    private static final SweepListener QUIET = (done, total, elapsed) -> {
    };

    @Test
    void theTableIsTheSameWhateverTheThreadCount() throws IOException {
        SweepOutcome one = sweeps.sweep(request(folder.resolve("one"), 1), QUIET);
        SweepOutcome two = sweeps.sweep(request(folder.resolve("two"), 2), QUIET);

        assertEquals(6, one.finished());
        assertEquals(6, two.finished());
        byte[] table = Files.readAllBytes(folder.resolve("one/sweep.csv"));
        assertArrayEquals(table, Files.readAllBytes(folder.resolve("two/sweep.csv")));
        List<String> rows = Files.readAllLines(folder.resolve("one/sweep.csv"));
        assertEquals(1 + 6 * 2, rows.size());
        assertTrue(rows.get(0).startsWith("alpha,depth,status,run,target,log10_target,log10_loss"), rows.get(0));
        assertTrue(rows.get(1).startsWith("0.1,2,completed,runs/alpha=0.1_depth=2,1e-1,"), rows.get(1));
        assertTrue(rows.get(12).startsWith("10.0,3,completed,runs/alpha=10.0_depth=3,1e-10,"), rows.get(12));
        assertTrue(Files.exists(folder.resolve("one/runs/alpha=10.0_depth=3/run.json")));
    }

    /** sweep.csv follows the finished trajectories: the first at once, then at most once a second, all at the end. */
    @Test
    void theTableHoldsWholeTrajectoriesWhileTheSweepRuns() throws IOException {
        Path out = folder.resolve("following");
        List<Integer> rowsSeen = new ArrayList<>();
        SweepOutcome outcome = sweeps.sweep(request(out, 1), (done, total, elapsed) -> {
            try {
                rowsSeen.add(Files.readAllLines(out.resolve("sweep.csv")).size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertEquals(6, outcome.finished());
        assertEquals(6, rowsSeen.size());
        assertEquals(1 + 2, rowsSeen.get(0), "the first trajectory's rows are written at once");
        for (int done = 1; done <= rowsSeen.size(); done++) {
            int rows = rowsSeen.get(done - 1);
            assertTrue(rows % 2 == 1 && rows <= 1 + 2 * done, "whole trajectories, at most those done: " + rowsSeen);
        }
        assertEquals(1 + 6 * 2, Files.readAllLines(out.resolve("sweep.csv")).size());
    }

    /** Each trajectory holds its own working memory: more at once than processors only risks the heap. */
    @Test
    void moreThreadsThanProcessorsRunOneTrajectoryAProcessorAndSaySo() throws IOException {
        int processors = Runtime.getRuntime().availableProcessors();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        catalog.bindIntegrator((problem, control) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return new Trajectory(Trajectory.Status.STALLED, "stalled", List.of(), 1, 0, 1, 0);
        }, StubReference.named("counting"));

        SweepOutcome outcome = sweeps.sweep(new SweepRequest(data, "diagonal", "exponential",
                List.of(0.1, 1.0, 10.0), List.of(2, 3), List.of(TargetLoss.parse("1e-1")), folder.resolve("many"),
                "counting", processors + 62, Map.of()), QUIET);

        assertEquals(6, outcome.finished());
        assertTrue(most.get() <= processors, most + " at once on " + processors + " processors");
        assertTrue(outcome.notes().stream().anyMatch(note -> note.startsWith("--threads " + (processors + 62)
                + " is more than this machine's " + processors)), outcome.notes().toString());
    }

    /**
     * Trajectories start most costly first (small α, then depth 3), so that the short ones end a sweep; sweep.csv
     * keeps row order.
     */
    @Test
    void theCostliestTrajectoriesStartFirst() throws IOException {
        List<String> started = new ArrayList<>();
        sweeps.sweep(request(folder.resolve("ordered"), 1), QUIET, (run, control) -> {
            started.add(run.output().getFileName().toString().replace(".partial-", ""));
            return sweeps.runner.run(run, control);
        });

        assertEquals(List.of("alpha=0.1_depth=3", "alpha=0.1_depth=2", "alpha=1.0_depth=3", "alpha=10.0_depth=3",
                "alpha=1.0_depth=2", "alpha=10.0_depth=2"), started);
        List<String> rows = Files.readAllLines(folder.resolve("ordered/sweep.csv"));
        assertTrue(rows.get(1).startsWith("0.1,2,"), rows.get(1));
        assertTrue(rows.get(12).startsWith("10.0,3,"), rows.get(12));
    }

    /** The cluster's hook: trajectories run by an executor, each into the folder the sweep gives it. */
    @Test
    void trajectoriesRunByAnExecutorMakeTheSameSweepInAtMostThreadsAtOnce() throws IOException {
        sweeps.sweep(request(folder.resolve("local"), 1), QUIET);
        java.util.Set<Path> folders = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        SweepOutcome executed = sweeps.sweep(request(folder.resolve("executed"), 2), QUIET, (run, control) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            folders.add(run.output());
            try {
                return sweeps.runner.run(run, control);
            } finally {
                inFlight.decrementAndGet();
            }
        });

        assertEquals(6, executed.finished());
        assertEquals(6, folders.size());
        assertTrue(most.get() <= 2, "in flight at once: " + most.get());
        assertTrue(folders.stream().allMatch(f -> f.getParent().equals(folder.resolve("executed/runs"))
                && f.getFileName().toString().startsWith(".partial-")), folders.toString());
        assertArrayEquals(Files.readAllBytes(folder.resolve("local/sweep.csv")),
                Files.readAllBytes(folder.resolve("executed/sweep.csv")));
    }

    @Test
    void progressCountsEveryTrajectory() {
        AtomicInteger last = new AtomicInteger();

        sweeps.sweep(request(folder.resolve("p"), 2), (done, total, elapsed) -> {
            assertEquals(6, total);
            last.accumulateAndGet(done, Math::max);
        });

        assertEquals(6, last.get());
    }

    @Test
    void cancellingKeepsOnlyFinishedTrajectoriesAndTheirRows() throws Exception {
        release = new CountDownLatch(1);
        Path out = folder.resolve("cancelled");
        AtomicInteger polls = new AtomicInteger();

        SweepOutcome outcome = sweeps.sweep(request(out, 2), new SweepListener() {
            @Override
            public void trajectoryDone(int done, int total, double elapsed) {
            }

            @Override
            public boolean isCancelled() {
                if (polls.incrementAndGet() == 3) {
                    release.countDown();
                    return true;
                }
                return false;
            }
        });

        assertTrue(outcome.cancelled());
        assertEquals("", outcome.stopped(), "cancelled by its user, it did not stop of itself");
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            List<Path> folders = runs.toList();
            assertEquals(outcome.finished(), folders.size(), folders.toString());
            for (Path run : folders) {
                assertFalse(run.getFileName().toString().startsWith("."), run.toString());
                assertTrue(Files.exists(run.resolve("run.json")), run.toString());
            }
        }
        if (outcome.finished() > 0) {
            assertEquals(1 + 2 * outcome.finished(), Files.readAllLines(out.resolve("sweep.csv")).size());
        } else {
            assertFalse(Files.exists(out.resolve("sweep.csv")));
        }
    }

    /**
     * A model whose create() never returns, whether it is the check of the grid that calls it or the trajectory: the
     * cancelled sweep leaves it and ends, with no folder for the trajectory.
     */
    @Test
    void aCancelledSweepLeavesACreateThatNeverReturns() throws Exception {
        for (int stuckCall : new int[] {1, 2}) {
            AtomicInteger calls = new AtomicInteger();
            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch released = new CountDownLatch(1);
            catalog.bindModel((spec, d) -> {
                if (calls.incrementAndGet() == stuckCall) {
                    stuck.countDown();
                    while (released.getCount() > 0) {
                        Thread.onSpinWait();
                    }
                }
                return Stubs.network(spec);
            }, StubReference.named("stuck-" + stuckCall));
            sweeps.abandonMillis = 1000;
            runner.abandonMillis = 1000;
            Path out = folder.resolve("stuck-" + stuckCall);
            SweepRequest request = new SweepRequest(data, "stuck-" + stuckCall, "exponential", List.of(1.0), List.of(2),
                    List.of(TargetLoss.parse("1e-1")), out, null, 1, Map.of());
            SweepListener cancelOnceStuck = new SweepListener() {
                @Override
                public void trajectoryDone(int done, int total, double elapsed) {
                }

                @Override
                public boolean isCancelled() {
                    return stuck.getCount() == 0;
                }
            };
            try {
                if (stuckCall == 1) {
                    java.util.concurrent.FutureTask<SweepOutcome> sweep = new java.util.concurrent.FutureTask<>(
                            () -> sweeps.sweep(request, QUIET));
                    new Thread(sweep).start();
                    assertTrue(stuck.await(10, java.util.concurrent.TimeUnit.SECONDS));
                    assertEquals(1, sweeps.cancelAll(), "a sweep checking its grid is a sweep going on");

                    java.util.concurrent.ExecutionException left = assertThrows(
                            java.util.concurrent.ExecutionException.class,
                            () -> sweep.get(20, java.util.concurrent.TimeUnit.SECONDS));
                    assertTrue(left.getCause() instanceof CancellationException, left.toString());
                    assertTrue(left.getCause().getMessage().startsWith("cancelled by bf:cancel; the check of the"
                            + " sweep's grid did not return within 1 s: it is in "
                            + SweepRunnerComponentTest.class.getName() + ".lambda$"), left.getCause().getMessage());
                    assertFalse(Files.exists(out), "nothing written");
                    assertEquals(0, sweeps.cancelAll(), "the sweep is over");
                } else {
                    SweepOutcome outcome = sweeps.sweep(request, cancelOnceStuck);
                    assertTrue(outcome.cancelled());
                    assertEquals(0, outcome.finished());
                    try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
                        assertEquals(List.of(), runs.toList());
                    }
                }
            } finally {
                released.countDown();
            }
        }
    }

    /** The framework stopping waits for a sweep stuck in its grid check to end, and the sweep says why it ended. */
    @Test
    void aStopWaitsForASweepStuckInItsGridCheck() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        catalog.bindModel((spec, d) -> {
            stuck.countDown();
            while (released.getCount() > 0) {
                Thread.onSpinWait();
            }
            return Stubs.network(spec);
        }, StubReference.named("stuck"));
        sweeps.abandonMillis = 1000;
        java.util.concurrent.FutureTask<SweepOutcome> sweep = new java.util.concurrent.FutureTask<>(
                () -> sweeps.sweep(new SweepRequest(data, "stuck", "exponential", List.of(1.0), List.of(2),
                        List.of(TargetLoss.parse("1e-1")), folder.resolve("stopped"), null, 1, Map.of()), QUIET));
        try {
            new Thread(sweep).start();
            assertTrue(stuck.await(10, java.util.concurrent.TimeUnit.SECONDS));

            sweeps.stopRunningSweeps();

            assertTrue(sweep.isDone(), "the stop returned once the sweep had ended");
            java.util.concurrent.ExecutionException ended = assertThrows(
                    java.util.concurrent.ExecutionException.class, sweep::get);
            assertTrue(ended.getCause().getMessage().startsWith(TrajectoryRunnerComponent.SHUTDOWN + "; the check of"
                    + " the sweep's grid did not return within 1 s"), ended.getCause().getMessage());
        } finally {
            released.countDown();
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        Path out = folder.resolve("refused");
        SweepRequest negative = new SweepRequest(data, "diagonal", "exponential", List.of(1.0, -1.0), List.of(2),
                List.of(TargetLoss.parse("1e-1")), out, null, 1, Map.of());

        assertThrows(IllegalArgumentException.class, () -> sweeps.sweep(negative, QUIET));
        assertFalse(Files.exists(out));
    }

    private SweepRequest request(Path out, boolean overwrite, boolean resume, org.biasflow.run.Shard shard) {
        SweepRequest plain = request(out, 2);
        return new SweepRequest(plain.data(), plain.model(), plain.loss(), plain.alphas(), plain.depths(),
                plain.targets(), out, null, 2, Map.of(), overwrite, resume, shard);
    }

    /** The same sweep with --resume. */
    private static SweepRequest resuming(SweepRequest request) {
        return new SweepRequest(request.data(), request.model(), request.loss(), request.alphas(), request.depths(),
                request.targets(), request.output(), request.integrator(), request.threads(), request.options(), false,
                true, null);
    }

    /** A sweep stopped after its first finished trajectories, as by Ctrl-C. */
    private SweepOutcome interrupted(SweepRequest request) {
        release = new CountDownLatch(1);
        AtomicInteger polls = new AtomicInteger();
        SweepOutcome outcome = sweeps.sweep(request, new SweepListener() {
            @Override
            public void trajectoryDone(int done, int total, double elapsed) {
            }

            @Override
            public boolean isCancelled() {
                if (polls.incrementAndGet() == 3) {
                    release.countDown();
                    return true;
                }
                return false;
            }
        });
        release = new CountDownLatch(0);
        return outcome;
    }

    @Test
    void aResumedSweepSkipsRecordedTrajectoriesAndEndsAsAnUninterruptedOne() throws IOException {
        sweeps.sweep(request(folder.resolve("whole"), 2), QUIET);
        Path out = folder.resolve("resumed");
        SweepOutcome cut = interrupted(request(out, 2));
        assertTrue(cut.cancelled());
        assertEquals(6 - cut.finished(), cut.statuses().getOrDefault("not_run", 0));

        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> sweeps.sweep(request(out, 2), QUIET));
        assertTrue(again.getMessage().contains("--resume"), again.getMessage());

        SweepOutcome resumed = sweeps.sweep(request(out, false, true, null), QUIET);

        assertTrue(resumed.allCompleted(), resumed.toString());
        assertEquals(cut.finished(), resumed.skipped());
        assertArrayEquals(Files.readAllBytes(folder.resolve("whole/sweep.csv")),
                Files.readAllBytes(out.resolve("sweep.csv")));
    }

    @Test
    void aDifferentSweepIsRefusedAndReplacedWholeWithOverwrite() throws IOException {
        Path out = folder.resolve("old");
        sweeps.sweep(new SweepRequest(data, "diagonal", "exponential", List.of(5.0, 6.0, 7.0, 8.0), List.of(2),
                List.of(TargetLoss.parse("1e-1")), out, null, 2, Map.of()), QUIET);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> sweeps.sweep(request(out, false, true, null), QUIET));
        assertTrue(refused.getMessage().contains("a different sweep (it differs in: targets, alphas, depths)"),
                refused.getMessage());

        SweepOutcome replaced = sweeps.sweep(request(out, true, false, null), QUIET);

        assertTrue(replaced.allCompleted());
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            assertEquals(6, runs.count(), "no trajectory of the old sweep is kept");
        }
        assertArrayEquals(Files.readAllBytes(out.resolve("sweep.csv")), sweepOf(request(folder.resolve("fresh"), 2)));
    }

    @Test
    void aRunFolderOrStrangersUnderRunsAreNotResumed() throws IOException {
        Path out = folder.resolve("strangers");
        sweeps.sweep(request(out, 2), QUIET);
        Files.createDirectories(out.resolve("runs/alpha=99.0_depth=2"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> sweeps.sweep(request(out, false, true, null), QUIET));

        assertTrue(refused.getMessage().contains("alpha=99.0_depth=2"), refused.getMessage());
    }

    @Test
    void repeatedGridValuesRunOnce() throws IOException {
        Path out = folder.resolve("repeated");
        SweepOutcome outcome = sweeps.sweep(new SweepRequest(data, "diagonal", "exponential",
                List.of(0.1, 1.0, 10.0, 1.0, 0.1), List.of(2, 3, 3),
                List.of(TargetLoss.parse("1e-1"), TargetLoss.parse("1e-10")), out, null, 2, Map.of()), QUIET);

        assertEquals(6, outcome.total());
        assertEquals(3, outcome.notes().size(), outcome.notes().toString());
        assertArrayEquals(sweepOf(request(folder.resolve("plain"), 2)), Files.readAllBytes(out.resolve("sweep.csv")));
    }

    @Test
    void shardsInOneFolderMergeToTheBytesOfOneSweep() throws IOException {
        byte[] whole = sweepOf(request(folder.resolve("whole"), 1));
        Path out = folder.resolve("sharded");
        int total = 0;
        for (int index = 1; index <= 3; index++) {
            SweepOutcome shard = sweeps.sweep(request(out, false, false, new org.biasflow.run.Shard(index, 3)), QUIET);
            assertTrue(shard.allCompleted());
            total += shard.total();
            assertEquals(index == 3, Files.exists(out.resolve("sweep.csv")), "the last shard merges");
            if (index == 1) {
                IllegalStateException early = assertThrows(IllegalStateException.class, () -> sweeps.merge(out));
                assertTrue(early.getMessage().contains("missing") && early.getMessage().contains("(shard 2/3)"),
                        early.getMessage());
            }
        }
        assertEquals(6, total);
        assertArrayEquals(whole, Files.readAllBytes(out.resolve("sweep.csv")));

        SweepOutcome merged = sweeps.merge(out);

        assertTrue(merged.allCompleted());
        assertArrayEquals(whole, Files.readAllBytes(out.resolve("sweep.csv")));
        IllegalStateException rerun = assertThrows(IllegalStateException.class,
                () -> sweeps.sweep(request(out, false, false, new org.biasflow.run.Shard(2, 3)), QUIET));
        assertTrue(rerun.getMessage().contains("add --resume"), rerun.getMessage());
        SweepOutcome resumed = sweeps.sweep(request(out, false, true, new org.biasflow.run.Shard(2, 3)), QUIET);
        assertEquals(resumed.total(), resumed.skipped());
    }

    /** A file of a finished trajectory damaged afterwards: its name, how it is damaged, and what is said of it. */
    static Stream<org.junit.jupiter.params.provider.Arguments> damages() {
        return Stream.of(
                damage("points.csv", text -> text.substring(0, text.length() / 2 + 1), "ends within a line"),
                damage("points.csv", text -> text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1),
                        "holds 3 rows, not the 4 that"),
                damage("parameters.csv", text -> text.substring(0, text.length() - 2), "ends within a line"),
                damage("checkpoints.csv", text -> text + "\n\n", "holds 2 blank lines"),
                damage("checkpoints.csv", text -> text.substring(0, text.indexOf('\n') + 1),
                        "holds 0 rows, not the 2 that"),
                damage("run.json", text -> text.substring(0, text.length() / 2), "is cut short or not valid JSON"),
                damage("run.json", text -> text.replace("\"checkpoints\": 2", "\"checkpoints\": \"2\""),
                        "'counts.checkpoints' is the text \"2\", expected a number"),
                damage("run.json", text -> text.replaceFirst("\"sha256\": \"[0-9a-f]{6}", "\"sha256\": \"000000"),
                        "is of other data than the sweep's (its data.sha256 begins 000000"),
                damage("run.json", text -> text.replaceFirst("\"alpha\": 1.0,", "\"alpha\": 0.1,"),
                        "is the record of another trajectory (model diagonal, alpha 0.1, depth 2"));
    }

    private static org.junit.jupiter.params.provider.Arguments damage(String file,
            java.util.function.UnaryOperator<String> change, String said) {
        return org.junit.jupiter.params.provider.Arguments.of(file, change, said);
    }

    /**
     * --resume keeps what is recorded, so a trajectory whose files were damaged since (a copy cut short, a hand edit)
     * would stay in the sweep as it is: it is run again, with a note naming the file and what is wrong with it.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("damages")
    void aResumedSweepRunsADamagedTrajectoryAgainNamingTheFile(String file,
            java.util.function.UnaryOperator<String> change, String said) throws IOException {
        Path out = folder.resolve("damaged");
        byte[] whole = sweepOf(request(out, 2));
        Path damaged = out.resolve("runs/alpha=1.0_depth=2").resolve(file);
        Files.writeString(damaged, change.apply(Files.readString(damaged)));

        SweepOutcome resumed = sweeps.sweep(request(out, false, true, null), QUIET);

        assertTrue(resumed.allCompleted(), resumed.toString());
        assertEquals(5, resumed.skipped());
        assertTrue(resumed.notes().stream().anyMatch(note -> note.startsWith("runs/alpha=1.0_depth=2 is run again: "
                + damaged) && note.contains(said)), resumed.notes().toString());
        assertArrayEquals(whole, Files.readAllBytes(out.resolve("sweep.csv")));
    }

    /** bf:sweep-merge names a damaged trajectory's file, where it said only that a trajectory was missing. */
    @Test
    void mergeNamesADamagedFile() throws IOException {
        Path out = folder.resolve("merged");
        sweeps.sweep(request(out, 2), QUIET);
        Path points = out.resolve("runs/alpha=0.1_depth=3/points.csv");
        Files.writeString(points, Files.readString(points).substring(0, 20));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sweeps.merge(out));

        assertTrue(refused.getMessage().contains("1 of 6 trajectories are missing or damaged: runs/alpha=0.1_depth=3 ("
                + points + " ends within a line: it was cut short)"), refused.getMessage());
    }

    /** A sweep.json edited by hand is refused naming the file and the field, not with a Java class cast. */
    @Test
    void mergeRefusesASweepDescriptionWithAFieldOfAnotherTypeNamingIt() throws IOException {
        Path out = folder.resolve("edited");
        sweeps.sweep(request(out, 2), QUIET);
        Path manifest = out.resolve(SweepPlan.FILE);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"alpha\": 0.1", "\"alpha\": \"0.1\""));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sweeps.merge(out));

        assertEquals(manifest + ": 'trajectories[0].alpha' is the text \"0.1\", expected a number: it is not a"
                + " readable sweep description", refused.getMessage());
    }

    /** --resume with a data file rewritten since the sweep began would mix two data sets in one sweep. */
    @Test
    void resumingOnAChangedDataFileIsRefusedNamingItAndTheSweepsRecord() throws IOException {
        Path out = folder.resolve("changed");
        sweeps.sweep(request(out, 2), QUIET);
        Files.writeString(data, "1,2,0\n-1,0,2\n");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> sweeps.sweep(request(out, false, true, null), QUIET));

        assertTrue(refused.getMessage().startsWith("the data file " + data + " has changed since "
                + out.resolve(SweepPlan.FILE) + " was written"), refused.getMessage());
    }

    @Test
    void aSweepWithATrajectoryThatDidNotCompleteCountsEachStatus() {
        catalog.bindIntegrator((problem, control) -> {
            TargetLoss first = problem.targets().get(0);
            control.checkpoint(new Checkpoint(first, first.log10(), Double.NaN, new double[] {1, 1}, new double[4], 1));
            return problem.targets().size() > 0 && control.isCancelled()
                    ? new Trajectory(Trajectory.Status.CANCELLED, "", List.of(), 1, 0, 1, 0)
                    : new Trajectory(Trajectory.Status.STALLED, "the loss cannot go below 1e-1", List.of(), 1, 0, 1, 0);
        }, StubReference.named("stalling"));
        SweepOutcome outcome = sweeps.sweep(new SweepRequest(data, "diagonal", "exponential", List.of(1.0, 2.0),
                List.of(2), List.of(TargetLoss.parse("1e-1"), TargetLoss.parse("1e-10")), folder.resolve("stalls"),
                "stalling", 1, Map.of()), QUIET);

        assertFalse(outcome.allCompleted());
        assertEquals(Map.of("stalled", 2), outcome.statuses());
        assertEquals(2, outcome.problems().size());
    }

    /**
     * A trajectory that ran out of memory failed for a reason of the machine, not of its own: its folder says so,
     * the sweep does not record it and says why, and --resume runs it again.
     */
    @Test
    void aTrajectoryThatRanOutOfMemoryIsNotRecordedAndResumeRunsIt() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        catalog.bindIntegrator((problem, control) -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
            TargetLoss first = problem.targets().get(0);
            control.checkpoint(new Checkpoint(first, first.log10(), Double.NaN, new double[] {1, 1}, new double[4], 1));
            return new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0);
        }, StubReference.named("hungry"));
        Path out = folder.resolve("hungry");
        SweepRequest request = new SweepRequest(data, "diagonal", "exponential", List.of(1.0, 2.0, 3.0), List.of(2),
                List.of(TargetLoss.parse("1e-1")), out, "hungry", 1, Map.of());

        SweepOutcome first = sweeps.sweep(request, QUIET);

        assertFalse(first.allCompleted());
        assertFalse(first.cancelled(), "the sweep ran to its end");
        assertEquals(2, first.finished());
        assertEquals(Map.of("completed", 2, "not_run", 1), first.statuses());
        assertTrue(first.notes().stream().anyMatch(note -> note.startsWith("1 trajectory failed for want of memory")),
                first.notes().toString());
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            List<String> records = new ArrayList<>();
            for (Path run : runs.toList()) {
                records.add(Files.readString(run.resolve("run.json")));
            }
            assertEquals(1, records.stream().filter(json -> json.contains("\"out_of_memory\": true")).count(),
                    records.toString());
        }
        assertEquals(3, Files.readAllLines(out.resolve("sweep.csv")).size(), "a header and two trajectories");

        SweepOutcome resumed = sweeps.sweep(resuming(request), QUIET);

        assertTrue(resumed.allCompleted(), resumed.toString());
        assertEquals(2, resumed.skipped());
        assertEquals(4, Files.readAllLines(out.resolve("sweep.csv")).size());
    }

    /**
     * A trajectory whose files cannot be written (here its checkpoints.csv, which a folder is in the way of; a full
     * disk in practice) says nothing of the trajectory, and the ones after it would fail the same way: the sweep
     * stops, records none of it, says why and how to go on, and --resume runs the whole grid.
     */
    @Test
    void aTrajectoryWhoseFilesCannotBeWrittenStopsTheSweepAndResumeRunsIt() throws IOException {
        Path out = folder.resolve("unwritable");
        AtomicInteger calls = new AtomicInteger();
        bindFirstDoing("blocked", calls, () -> Files.createDirectories(out.resolve("runs")
                .resolve(SweepRunnerComponent.PARTIAL + "alpha=1.0_depth=2").resolve("checkpoints.csv")));
        SweepRequest request = new SweepRequest(data, "diagonal", "exponential", List.of(1.0, 2.0, 3.0), List.of(2),
                List.of(TargetLoss.parse("1e-1")), out, "blocked", 1, Map.of());

        SweepOutcome first = sweeps.sweep(request, QUIET);

        assertTrue(first.cancelled());
        assertEquals(0, first.finished());
        assertEquals(1, calls.get(), "the trajectories after it do not start");
        String stop = first.stopped();
        assertTrue(stop.startsWith("cannot write ") && stop.contains("checkpoints.csv") && stop.contains("--resume"),
                stop);
        assertTrue(stop.contains("once that is put right") && !stop.contains("room"), "a folder in the way: " + stop);
        assertTrue(Files.readString(out.resolve("runs").resolve("alpha=1.0_depth=2").resolve("run.json"))
                .contains("\"write_failed\": true"));

        SweepOutcome resumed = sweeps.sweep(resuming(request), QUIET);

        assertTrue(resumed.allCompleted(), resumed.toString());
        assertEquals(0, resumed.skipped());
        assertEquals(4, Files.readAllLines(out.resolve("sweep.csv")).size(), "a header and three trajectories");
    }

    /** A record that cannot be read back whole is no record either: the sweep stops there and says what is wrong. */
    @Test
    void aRecordThatCannotBeReadBackWholeStopsTheSweep() {
        AtomicInteger calls = new AtomicInteger();
        org.biasflow.run.TrajectoryExecutor cutShort = recording("target\n1e-1\n", "{\"status\": \"compl",
                new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0), calls);

        SweepOutcome outcome = sweeps.sweep(new SweepRequest(data, "diagonal", "exponential", List.of(1.0, 2.0),
                List.of(2), List.of(TargetLoss.parse("1e-1")), folder.resolve("cut"), null, 1, Map.of()), QUIET,
                cutShort);

        assertTrue(outcome.cancelled());
        assertEquals(1, calls.get());
        assertTrue(outcome.stopped().contains("run.json is cut short or not valid JSON"), outcome.toString());
        assertTrue(outcome.stopped().endsWith("once that is put right, run the command again (bf:sweep with --resume)"),
                "nothing here wants room on the disk: " + outcome.stopped());
    }

    /**
     * Each trajectory reads the data file anew: rewritten while the sweep runs (bf:data --overwrite in another
     * terminal), it would give the later trajectories other data than the earlier ones. The first trajectory that
     * read other data is not recorded, and the sweep stops saying why; what was recorded is of the sweep's data.
     */
    @Test
    void aDataFileRewrittenWhileTheSweepRunsStopsItBeforeTwoDataSetsMix() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        bindFirstDoing("rewriting", calls, () -> Files.writeString(data, "1,2,0\n-1,0,2\n"));
        Path out = folder.resolve("rewritten");

        SweepOutcome outcome = sweeps.sweep(new SweepRequest(data, "diagonal", "exponential", List.of(1.0, 2.0, 3.0),
                List.of(2), List.of(TargetLoss.parse("1e-1")), out, "rewriting", 1, Map.of()), QUIET);

        assertTrue(outcome.cancelled(), outcome.toString());
        assertEquals(2, calls.get(), "the third trajectory does not start");
        assertEquals(1, outcome.finished(), outcome.toString());
        assertTrue(outcome.stopped().startsWith(data + " changed while the sweep ran: alpha=")
                && outcome.stopped().contains("so that trajectory is not recorded"), outcome.stopped());
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            assertEquals(1, runs.count(), "only the trajectory of the sweep's data is there");
        }
    }

    /** A full disk is the one reason to stop whose advice is room: the rest need their own cause put right. */
    @Test
    void aTrajectoryStoppedByAFullDiskAdvisesRoom() {
        String full = "cannot write checkpoints.csv: " + IoProblems.DISK_FULL + " (No space left on device) on tmpfs";
        org.biasflow.run.TrajectoryExecutor diskFull = recording("target\n", "{\"status\": \"failed\", \"message\": \""
                + full + "\", \"write_failed\": true, \"counts\": {\"checkpoints\": 0}}",
                new Trajectory(Trajectory.Status.FAILED, full, List.of(), 1, 0, 1, 0), new AtomicInteger());

        SweepOutcome outcome = sweeps.sweep(new SweepRequest(data, "diagonal", "exponential", List.of(1.0, 2.0),
                List.of(2), List.of(TargetLoss.parse("1e-1")), folder.resolve("full"), null, 1, Map.of()), QUIET,
                diskFull);

        assertTrue(outcome.cancelled());
        assertTrue(outcome.stopped().startsWith(full), outcome.stopped());
        assertTrue(outcome.stopped().endsWith("once the output's file system has room, run the command again"
                + " (bf:sweep with --resume)"), outcome.stopped());
    }

    /** Binds an integrator that reaches its first target in one step, after {@code first} on its first call. */
    private void bindFirstDoing(String name, AtomicInteger calls, java.util.concurrent.Callable<?> first) {
        catalog.bindIntegrator((problem, control) -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    first.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            TargetLoss target = problem.targets().get(0);
            control.checkpoint(new Checkpoint(target, target.log10(), Double.NaN, new double[] {1, 1}, new double[4],
                    1));
            return new Trajectory(Trajectory.Status.COMPLETED, "", List.of(), 1, 0, 1, 0);
        }, StubReference.named(name));
    }

    /** An executor that writes the given checkpoints.csv and run.json as a trajectory's record, counting its calls. */
    private static org.biasflow.run.TrajectoryExecutor recording(String checkpoints, String record,
            Trajectory trajectory, AtomicInteger calls) {
        return (request, control) -> {
            calls.incrementAndGet();
            try {
                Files.createDirectories(request.output());
                Files.writeString(request.output().resolve("checkpoints.csv"), checkpoints);
                Files.writeString(request.output().resolve("run.json"), record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new org.biasflow.run.RunOutcome(request.output(),
                    new org.biasflow.run.ServiceInfo("integrator", "bdf", "", "", ""), trajectory, 0.0);
        };
    }

    private byte[] sweepOf(SweepRequest request) throws IOException {
        sweeps.sweep(request, QUIET);
        return Files.readAllBytes(request.output().resolve("sweep.csv"));
    }

    @Test
    void anInterruptedSweepThreadCancelsKeepsWhatFinishedAndKeepsItsInterrupt() throws Exception {
        release = new CountDownLatch(1);
        Path out = folder.resolve("interrupted");
        java.util.concurrent.atomic.AtomicReference<SweepOutcome> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean flagKept = new java.util.concurrent.atomic.AtomicBoolean();
        Thread command = new Thread(() -> {
            outcome.set(sweeps.sweep(request(out, 2), QUIET));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        command.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(out.resolve("runs")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        command.interrupt(); // as the prompt does on Ctrl-C
        release.countDown();
        command.join(20_000);

        assertTrue(outcome.get().cancelled());
        assertTrue(flagKept.get(), "the interrupt is handed back to the command");
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            assertEquals(outcome.get().finished(), runs.count());
        }
        if (outcome.get().finished() > 0) {
            assertEquals(1 + 2 * outcome.get().finished(), Files.readAllLines(out.resolve("sweep.csv")).size());
        }
    }

    @Test
    void aBadConfigurationAnUnfitOptionOrAnUnrepresentableScaleIsRefusedBeforeAnythingIsWritten() {
        Path out = folder.resolve("refused");
        SweepRequest huge = new SweepRequest(data, "diagonal", "exponential", List.of(1.0, 1e300), List.of(2),
                List.of(TargetLoss.parse("1e-1")), out, null, 1, Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sweeps.sweep(huge, QUIET)).getMessage()
                .contains("--alpha 1.0E300 at --depth 2"));
        SweepRequest looseTolerance = new SweepRequest(data, "diagonal", "exponential", List.of(1.0), List.of(2),
                List.of(TargetLoss.parse("1e-1")), out, null, 1, Map.of("rtol", "abc"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sweeps.sweep(looseTolerance, QUIET))
                .getMessage().contains("option rtol=abc: 'abc' is not a number"));

        TrajectoryRunnerComponent misconfigured = new TrajectoryRunnerComponent();
        misconfigured.catalog = catalog;
        misconfigured.configure(Map.of("absoluteTolerance", "1e400"));
        sweeps.runner = misconfigured;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sweeps.sweep(request(out, 1), QUIET))
                .getMessage().contains("absoluteTolerance = 1e400"));
        assertFalse(Files.exists(out));
    }

    /** α × D × seeds 1, 2 × option width 2|3: 24 trajectories. */
    private SweepRequest settingsRequest(Path out, boolean resume, org.biasflow.run.Shard shard) {
        SweepRequest plain = request(out, 2);
        return new SweepRequest(plain.data(), null, plain.loss(), plain.alphas(), plain.depths(), plain.targets(), out,
                null, 2, Map.of(), false, resume, shard, List.of("diagonal"), List.of(1L, 2L), List.of(), List.of(),
                Map.of("width", List.of("2", "3")));
    }

    @Test
    void aSweepOverMoreSettingsIsTheSameWholeResumedOrInShards() throws IOException {
        byte[] whole = sweepOf(settingsRequest(folder.resolve("whole"), false, null));
        List<String> rows = Files.readAllLines(folder.resolve("whole/sweep.csv"));
        assertEquals(1 + 24 * 2, rows.size());
        assertTrue(rows.get(0).startsWith("alpha,depth,seed,option.width,status,run,target,"), rows.get(0));
        assertTrue(rows.get(48).startsWith("10.0,3,2,3,completed,runs/alpha=10.0_depth=3_seed=2_width=3,1e-10,"),
                rows.get(48));
        assertTrue(Files.readString(folder.resolve("whole/runs/alpha=10.0_depth=3_seed=2_width=3/run.json"))
                .contains("\"width\": \"3\""));

        Path resumed = folder.resolve("resumed");
        SweepOutcome cut = interrupted(settingsRequest(resumed, false, null));
        assertTrue(cut.cancelled());
        SweepOutcome completed = sweeps.sweep(settingsRequest(resumed, true, null), QUIET);
        assertTrue(completed.allCompleted(), completed.toString());
        assertEquals(cut.finished(), completed.skipped());
        assertArrayEquals(whole, Files.readAllBytes(resumed.resolve("sweep.csv")));

        Path sharded = folder.resolve("sharded");
        for (int index = 1; index <= 3; index++) {
            sweeps.sweep(settingsRequest(sharded, false, new org.biasflow.run.Shard(index, 3)), QUIET);
        }
        assertArrayEquals(whole, Files.readAllBytes(sharded.resolve("sweep.csv")));
        sweeps.merge(sharded);
        assertArrayEquals(whole, Files.readAllBytes(sharded.resolve("sweep.csv")));
    }
}
