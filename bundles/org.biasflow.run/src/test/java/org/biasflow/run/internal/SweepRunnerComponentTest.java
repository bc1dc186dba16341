package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Trajectory;
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
        TrajectoryRunnerComponent runner = new TrajectoryRunnerComponent();
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
        assertTrue(rows.get(0).startsWith("alpha,depth,status,target,log10_target,log10_loss"), rows.get(0));
        assertTrue(rows.get(1).startsWith("0.1,2,completed,1e-1,"), rows.get(1));
        assertTrue(rows.get(12).startsWith("10.0,3,completed,1e-10,"), rows.get(12));
        assertTrue(Files.exists(folder.resolve("one/runs/alpha=10.0_depth=3/run.json")));
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

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        Path out = folder.resolve("refused");
        SweepRequest negative = new SweepRequest(data, "diagonal", "exponential", List.of(1.0, -1.0), List.of(2),
                List.of(TargetLoss.parse("1e-1")), out, null, 1, Map.of());

        assertThrows(IllegalArgumentException.class, () -> sweeps.sweep(negative, QUIET));
        assertFalse(Files.exists(out));
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
}
