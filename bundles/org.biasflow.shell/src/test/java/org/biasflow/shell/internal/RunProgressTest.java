package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.TargetLoss;
import org.biasflow.run.Shard;
import org.biasflow.run.SweepOutcome;
import org.junit.jupiter.api.Test;

class RunProgressTest {

    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<TargetLoss> targets = List.of(TargetLoss.parse("1e-1"), TargetLoss.parse("1e-10"),
            TargetLoss.parse("1e-100"));

    private RunProgress progress(boolean terminal) {
        return new RunProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal, targets, now::get);
    }

    private static Checkpoint at(TargetLoss target) {
        return new Checkpoint(target, target.log10(), 0, new double[1], new double[2], 1);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalALongRunPrintsALinePerCheckpointAfterItsFirstSecond() {
        RunProgress progress = progress(false);
        progress.checkpoint(at(targets.get(0)));
        assertEquals("", printed(), "nothing in the first second");

        now.set(2_000_000_000L);
        progress.checkpoint(at(targets.get(1)));
        now.set(2_100_000_000L);
        progress.progress(-50);
        progress.checkpoint(at(targets.get(2)));

        List<String> lines = printed().lines().toList();
        assertEquals(2, lines.size(), printed());
        assertTrue(lines.get(0).startsWith("run: checkpoint 2/3, target 1e-10, log10 loss -10.0, 2.0 s elapsed, about"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("run: checkpoint 3/3, target 1e-100"), lines.get(1));
    }

    @Test
    void onATerminalOneLineIsRewrittenAndRemovedAtTheEnd() {
        RunProgress progress = progress(true);
        now.set(1_500_000_000L);
        progress.progress(-20);
        now.set(2_000_000_000L);
        progress.progress(-40);

        String shown = printed();
        assertTrue(shown.startsWith("\rrun: log10 loss -20.0 of -100,"), shown);
        assertTrue(shown.contains("\rrun: log10 loss -40.0 of -100, "), shown);
        assertTrue(shown.contains(" decades/s, 0/3 checkpoints, 2.0 s elapsed, about 0 s left"), shown);
        progress.finish();
        assertTrue(printed().endsWith("\r"), "the line is blanked");
    }

    @Test
    void aCancelledRunLeavesItsLineAndWritesNothingMore() {
        RunProgress progress = progress(true);
        now.set(1_500_000_000L);
        progress.progress(-20);
        int before = printed().length();
        Thread.currentThread().interrupt();
        try {
            progress.finish();
        } finally {
            Thread.interrupted();
        }
        assertTrue(before > 0 && printed().length() == before, "nothing written by an interrupted thread");
    }

    @Test
    void aSweepSummaryCountsEachStatus() {
        SweepOutcome outcome = new SweepOutcome(Path.of("s"), 4, 4, List.of("alpha=1.0_depth=2: stalled: why"),
                false, 1.5, Map.of("completed", 3, "stalled", 1), 1, List.of("alpha 1.0 appears more than once"));

        String summary = SweepCommands.summary(outcome, new Shard(2, 3));

        assertTrue(summary.startsWith("shard 2/3 done: 4 of 4 trajectories in s (1.5 s): "), summary);
        assertTrue(summary.contains("completed 3") && summary.contains("stalled 1"), summary);
        assertTrue(summary.contains("(1 recorded before)"), summary);
        assertTrue(summary.contains("\n  alpha=1.0_depth=2: stalled: why\n"), summary);
        assertTrue(summary.contains("note: alpha 1.0 appears more than once"), summary);
    }

    /** A sweep that stopped of itself is not said to be cancelled, and says why before anything else. */
    @Test
    void aSweepThatStoppedOfItselfSaysSoAndWhy() {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("completed", 8);
        statuses.put("not_run", 10);
        SweepOutcome outcome = new SweepOutcome(Path.of("s"), 18, 8, List.of(), true, 2.0, statuses, 0,
                List.of("a note"), "cannot write s/runs/x/run.json: the disk is full");

        String summary = SweepCommands.summary(outcome, null);

        assertTrue(summary.startsWith("stopped: 8 of 18 trajectories in s/sweep.csv (2.0 s): completed 8, not run"
                + " 10\nwhy: cannot write s/runs/x/run.json: the disk is full\nnote: a note\n"), summary);
    }
}
