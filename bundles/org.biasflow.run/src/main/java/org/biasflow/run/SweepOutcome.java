package org.biasflow.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished (or cancelled) sweep.
 *
 * @param output the folder holding {@code sweep.csv} and {@code runs/}
 * @param total the trajectories asked for
 * @param finished the trajectories that ended by themselves and were recorded
 * @param problems one line for each recorded trajectory that did not complete every target
 * @param cancelled whether the sweep was stopped before all trajectories finished
 * @param wallSeconds wall time of the whole sweep
 */
public record SweepOutcome(Path output, int total, int finished, List<String> problems, boolean cancelled,
        double wallSeconds) {

    public SweepOutcome {
        problems = List.copyOf(problems);
    }
}
