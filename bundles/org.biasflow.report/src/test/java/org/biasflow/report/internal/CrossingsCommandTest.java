package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.biasflow.api.RunControl;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.TrajectoryRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bf:crossings on a finished sweep: what it refuses, and what it says of trajectories it has no rows of. */
class CrossingsCommandTest {

    @TempDir
    Path folder;

    private final CrossingsCommand command = new CrossingsCommand();

    @BeforeEach
    void noSweepIsRunning() throws IOException {
        command.runs = new TrajectoryRunner() {
            @Override
            public RunOutcome run(RunRequest request, RunControl listener) {
                throw new UnsupportedOperationException("these crossings are not refined");
            }

            @Override
            public Map<String, Object> defaults() {
                return Map.of();
            }

            @Override
            public int cancelAll() {
                return 0;
            }

            @Override
            public List<String> cancel(Path folder) {
                return List.of();
            }

            @Override
            public List<String> workingIn(Path folder) {
                return List.of();
            }
        };
        Files.writeString(folder.resolve("sweep.csv"), "alpha,depth,status,run,target,log10_loss,l1_distance\n"
                + "0.1,2,completed,runs/alpha=0.1_depth=2,1e-1,-1.0,0.9\n"
                + "0.1,2,completed,runs/alpha=0.1_depth=2,1e-1000,-1000.0,0.01\n");
    }

    private String crossings(String column, String below) {
        return command.crossings(folder.toString(), column, below, "", 0);
    }

    @Test
    void aTextColumnIsRefusedAsText() {
        for (String column : List.of("target", "status", "run")) {
            String message = assertThrows(IllegalArgumentException.class, () -> crossings(column, "1")).getMessage();

            assertTrue(message.startsWith("--column " + column + ": the column '" + column + "' of "
                    + folder.resolve("sweep.csv") + " holds text, not numbers"), message);
        }
        assertTrue(crossings("l1_distance", "0.1").contains("between 1e-1 and 1e-1000"));
    }

    @Test
    void aLevelThatUnderflowsOrIsNotFiniteIsRefusedNamingTheOption() {
        assertEquals("--below 1e-400 is too small to tell from 0 in double precision (the smallest is 4.9e-324):"
                + " give 0, or a level a double can hold",
                assertThrows(IllegalArgumentException.class, () -> crossings("l1_distance", "1e-400")).getMessage());
        assertEquals("--above -2.5e-1000 is too small to tell from 0 in double precision (the smallest is"
                + " 4.9e-324): give 0, or a level a double can hold", assertThrows(IllegalArgumentException.class,
                        () -> command.crossings(folder.toString(), "l1_distance", "", "-2.5e-1000", 0)).getMessage());
        for (String level : List.of("1e400", "NaN", "abc")) {
            assertEquals("--below " + level + " is not a finite number", assertThrows(IllegalArgumentException.class,
                    () -> crossings("l1_distance", level)).getMessage());
        }
        assertTrue(crossings("l1_distance", "0").contains("not reached by 1e-1000"));
        assertTrue(crossings("l1_distance", "-0.0e-500").contains("not reached by 1e-1000"));
    }

    @Test
    void stalledTrajectoriesAreNamedWithTheirMessageThoughNoAnalyzerColumnWasWritten() throws IOException {
        Files.writeString(folder.resolve("sweep.csv"), "alpha,depth,status,run,target,log10_target,log10_loss,gamma\n");
        for (String alpha : List.of("0.1", "1.0")) {
            Files.writeString(Files.createDirectories(folder.resolve("runs/alpha=" + alpha + "_depth=2"))
                    .resolve("run.json"), "{\"status\": \"stalled\", \"message\": \"the loss cannot go below"
                    + " 10^0.45\", \"configuration\": {}, \"data\": {}, \"counts\": {\"checkpoints\": 0}}\n");
        }

        String out = crossings("l1_distance", "0.5");

        assertTrue(out.endsWith("runs/alpha=0.1_depth=2 (reached no checkpoint; stalled: the loss cannot go below"
                + " 10^0.45): no rows in sweep.csv, no crossing\nruns/alpha=1.0_depth=2 (reached no checkpoint;"
                + " stalled: the loss cannot go below 10^0.45): no rows in sweep.csv, no crossing\n"), out);
    }

    @Test
    void aSweepCsvCutShortAtARowsEndIsRefusedBeforeAnyCrossing() throws IOException {
        Files.writeString(Files.createDirectories(folder.resolve("runs/alpha=0.1_depth=2")).resolve("run.json"),
                "{\"status\": \"completed\", \"configuration\": {}, \"data\": {}, \"counts\":"
                + " {\"checkpoints\": 13}}\n");

        String message = assertThrows(IllegalArgumentException.class, () -> crossings("l1_distance", "0.1"))
                .getMessage();

        assertTrue(message.startsWith(folder.resolve("sweep.csv") + " disagrees with the trajectories' records:"
                + " runs/alpha=0.1_depth=2 has 2 rows where its run.json counts 13 checkpoints"), message);
    }
}
