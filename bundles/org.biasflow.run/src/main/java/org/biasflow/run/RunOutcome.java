package org.biasflow.run;

import java.nio.file.Path;

import org.biasflow.api.Trajectory;

/**
 * A finished run: where it was written and how the trajectory ended.
 *
 * @param output the folder holding {@code checkpoints.csv} and {@code run.json}
 * @param integrator the integrator used
 * @param trajectory status, checkpoints and counts
 * @param wallSeconds the wall time of the integration
 */
public record RunOutcome(Path output, ServiceInfo integrator, Trajectory trajectory, double wallSeconds) {
}
