package org.biasflow.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.biasflow.api.RunControl;
import org.osgi.annotation.versioning.ProviderType;

/** Runs one gradient-flow trajectory from a data file to a recorded folder. */
@ProviderType
public interface TrajectoryRunner {

    /**
     * Validates the request, claims its output folder (a lock file naming this process; another run's or sweep's
     * files are refused unless {@link RunRequest#overwrite()}), runs it and writes {@code checkpoints.csv} (one
     * row appended per checkpoint, so the checkpoints reached survive a failure) and, last, {@code run.json}
     * from what is on disk. A run cancelled (by the listener, {@link #cancelAll}, {@link #cancel(Path)} or the
     * framework stopping) ends with status CANCELLED and its record.
     *
     * @param listener told of progress and asked about cancellation; its {@code checkpoint} is called after
     *                 the checkpoint is on disk
     * @throws IllegalArgumentException for bad input (unknown service, invalid setting, malformed data), before
     *                                  anything is written
     * @throws IllegalStateException when the output folder is in use by another process or holds what the request
     *                               may not replace, before anything is written
     */
    RunOutcome run(RunRequest request, RunControl listener);

    /** The defaults in force (integrator, tolerances, output folder), as configured. */
    Map<String, Object> defaults();

    /** Cancels every run of this process now running (sweeps' trajectories included); returns how many. */
    int cancelAll();

    /**
     * Asks whatever run, sweep or shard works in {@code folder}, in this process or any other that sees the same
     * file system, to stop as it would on cancellation.
     *
     * @return the holders asked, in words; empty when nothing works there
     */
    List<String> cancel(Path folder);

    /**
     * Who works in {@code folder} now: a run, sweep or shard of this process or of any other that sees the same file
     * system, so that a reader of the folder's files knows they are not final.
     *
     * @return the holders in words, as {@link #cancel(Path)} gives them; empty when nothing works there
     * @since 1.5
     */
    List<String> workingIn(Path folder);
}
