package org.biasflow.run;

import org.biasflow.api.RunControl;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs a sweep's trajectories somewhere other than in this process's {@link TrajectoryRunner} (the optional cluster
 * bundle sends them to other processes), so that a sweep keeps its planning, folder and table writing whatever
 * runs its trajectories.
 *
 * @since 1.4
 */
@ConsumerType
public interface TrajectoryExecutor {

    /**
     * Runs one trajectory as {@link TrajectoryRunner#run} does, leaving its files in {@code request.output()} (a
     * folder of its own that the sweep renames once the trajectory has ended). Called from several threads at once:
     * the sweep's {@code threads} bound how many trajectories are in flight.
     *
     * @param control asked about cancellation; a cancelled trajectory ends with status CANCELLED
     * @throws IllegalStateException when the trajectory cannot be run at all (named, with the cause); the sweep stops
     *                               and keeps every trajectory recorded so far
     */
    RunOutcome run(RunRequest request, RunControl control);
}
