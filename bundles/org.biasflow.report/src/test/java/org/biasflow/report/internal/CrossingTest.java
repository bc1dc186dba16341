package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.biasflow.report.internal.Crossing.Direction;
import org.biasflow.report.internal.Crossing.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crossings found on a hand-made sweep table, whose answers can be read off its rows. */
class CrossingTest {

    @TempDir
    Path folder;

    // α = 0.1 falls below 0.1 between 1e-10 (0.3) and 1e-100 (0.05), passing a NaN cell at 1e-20;
    // α = 1 is already below at its first checkpoint; α = 10 never gets there; α = 100 is NaN throughout.
    private static final String SWEEP = "alpha,depth,status,target,log10_loss,l1_distance\n"
            + "0.1,2,completed,1e-1,-1.0,0.9\n"
            + "0.1,2,completed,1e-10,-10.0,0.3\n"
            + "0.1,2,completed,1e-20,-20.0,NaN\n"
            + "0.1,2,completed,1e-100,-100.0,0.05\n"
            + "1.0,2,completed,1e-1,-1.0,0.05\n"
            + "1.0,2,completed,1e-10,-10.0,0.01\n"
            + "10.0,2,limit_reached,1e-1,-1.0,0.9\n"
            + "10.0,2,limit_reached,1e-10,-10.0,0.5\n"
            + "100.0,2,completed,1e-1,-1.0,NaN\n"
            + "100.0,2,completed,1e-10,-10.0,NaN\n";

    private SweepTable table() throws IOException {
        Files.writeString(folder.resolve("sweep.csv"), SWEEP);
        return SweepTable.ofSweepFolder(folder, "test");
    }

    @Test
    void aCrossingLiesBetweenTheLastFiniteCheckpointBeforeAndTheFirstAfterAndIsInterpolatedInLog10Loss()
            throws IOException {
        Crossing crossing = Crossing.first(table().checkpoints(0.1, 2, "l1_distance"), Direction.BELOW, 0.1);

        assertEquals(Kind.CROSSED, crossing.kind());
        assertEquals(-10.0, crossing.log10LossBefore());
        assertEquals(-100.0, crossing.log10LossAfter());
        // 0.3 → 0.05 over 90 decades: 0.1 is 0.2/0.25 = 0.8 of the way.
        assertEquals(-82.0, crossing.log10LossEstimate(), 1e-12);
        assertEquals("between 1e-10 and 1e-100 (≈ 1e-82)", crossing.describe());
    }

    @Test
    void aTrajectoryPastTheLevelAtItsFirstCheckpointCrossedAtOrBeforeIt() throws IOException {
        Crossing crossing = Crossing.first(table().checkpoints(1.0, 2, "l1_distance"), Direction.BELOW, 0.1);

        assertEquals(Kind.AT_FIRST_CHECKPOINT, crossing.kind());
        assertEquals(-1.0, crossing.reachedAt());
        assertTrue(Double.isNaN(crossing.log10LossBefore()));
    }

    @Test
    void noCrossingSaysHowDeepTheTrajectoryWent() throws IOException {
        Crossing crossing = Crossing.first(table().checkpoints(10.0, 2, "l1_distance"), Direction.BELOW, 0.1);

        assertEquals(Kind.NOT_REACHED, crossing.kind());
        assertTrue(Double.isNaN(crossing.reachedAt()));
        assertEquals("not reached by 1e-10", crossing.describe());
    }

    @Test
    void aColumnThatIsNaNThroughoutHasNoValuesRatherThanNoCrossing() throws IOException {
        SweepTable table = table();

        assertEquals(Kind.NO_VALUES, Crossing.first(table.checkpoints(100.0, 2, "l1_distance"), Direction.BELOW,
                0.1).kind());
        assertEquals(Kind.NO_VALUES, Crossing.first(table.checkpoints(0.1, 2, "no_such_column"), Direction.BELOW,
                0.1).kind());
    }

    @Test
    void aboveLooksForTheFirstValueAtOrAboveTheLevel() {
        List<Crossing.Checkpoint> rising = List.of(new Crossing.Checkpoint(-1, 0.5), new Crossing.Checkpoint(-3, 0.9),
                new Crossing.Checkpoint(-5, 0.99));

        Crossing crossing = Crossing.first(rising, Direction.ABOVE, 0.9);

        assertEquals(Kind.CROSSED, crossing.kind());
        assertEquals(-3.0, crossing.reachedAt());
        assertEquals(-3.0, crossing.log10LossEstimate(), 1e-12);
        assertEquals(Kind.AT_FIRST_CHECKPOINT, Crossing.first(rising, Direction.ABOVE, 0.4).kind());
    }
}
