package org.biasflow.run;

import java.nio.file.Path;
import java.util.List;

import org.biasflow.api.Trajectory;

/**
 * A finished run: where it was written and how the trajectory ended.
 *
 * @param output the folder holding {@code checkpoints.csv} and {@code run.json}
 * @param integrator the integrator used
 * @param trajectory status, checkpoints and counts
 * @param wallSeconds the wall time of the integration
 * @param notes sentences for the user about the output folder (a stale lock taken over, a folder restored)
 */
public record RunOutcome(Path output, ServiceInfo integrator, Trajectory trajectory, double wallSeconds,
        List<String> notes) {

    public RunOutcome {
        notes = List.copyOf(notes);
    }

    public RunOutcome(Path output, ServiceInfo integrator, Trajectory trajectory, double wallSeconds) {
        this(output, integrator, trajectory, wallSeconds, List.of());
    }
}
