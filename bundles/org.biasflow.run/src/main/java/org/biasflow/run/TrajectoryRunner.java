package org.biasflow.run;

import java.util.Map;

import org.biasflow.api.RunControl;
import org.osgi.annotation.versioning.ProviderType;

/** Runs one gradient-flow trajectory from a data file to a recorded folder. */
@ProviderType
public interface TrajectoryRunner {

    /**
     * Validates the request, runs it and writes {@code checkpoints.csv} (rewritten atomically at each checkpoint,
     * so the checkpoints reached survive a failure) and {@code run.json}.
     *
     * @param listener told of progress and asked about cancellation; its {@code checkpoint} is called after
     *                 the checkpoint is on disk
     * @throws IllegalArgumentException for bad input (unknown service, invalid setting, malformed data), before
     *                                  anything is written
     */
    RunOutcome run(RunRequest request, RunControl listener);

    /** The defaults in force (integrator, tolerances, output folder), as configured. */
    Map<String, Object> defaults();
}
