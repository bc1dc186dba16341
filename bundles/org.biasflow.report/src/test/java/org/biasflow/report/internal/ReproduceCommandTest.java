package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.SweepRunner;
import org.biasflow.run.TrajectoryExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceCommandTest {

    @TempDir
    Path folder;

    /** Why a sweep stopped (here, a full disk) reaches the user of bf:reproduce, not only that it did. */
    @Test
    void aSweepThatStoppedSaysWhy() {
        String stop = "cannot write runs/alpha=1.0_depth=2/run.json: the disk is full";
        ReproduceCommand command = new ReproduceCommand();
        command.sweeps = new SweepRunner() {
            @Override
            public SweepOutcome sweep(SweepRequest request, SweepListener listener) {
                return new SweepOutcome(request.output(), 26, 3, List.of(), true, 0.5, Map.of("completed", 3), 0,
                        List.of("a note"), stop);
            }

            @Override
            public SweepOutcome sweep(SweepRequest request, SweepListener listener, TrajectoryExecutor executor) {
                return sweep(request, listener);
            }

            @Override
            public SweepOutcome merge(Path sweep) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int cancelAll() {
                return 0;
            }
        };

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> command.reproduce(folder.resolve("out").toString(), 1, true));

        assertTrue(failure.getMessage().startsWith("stopped: " + stop + "; finished trajectories are kept"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("note: a note"), failure.getMessage());
    }
}
