package org.biasflow.run;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Runs a grid of trajectories in parallel and gathers their checkpoints into one table. */
@ProviderType
public interface SweepRunner {

    /**
     * Runs every (α, D) of the request (or of its shard), each as a {@link TrajectoryRunner} run in
     * {@code OUT/runs/alpha=…_depth=…}, and keeps {@code OUT/sweep.csv} (rows in grid order, whatever the order of
     * completion, so the file is the same for any thread count, resumption or sharding) up to date, atomically, as
     * trajectories finish (at most once a second, and whole at the end); of shards, the last to end writes sweep.csv as {@link #merge} does. {@code OUT/sweep.json} describes the grid.
     * A trajectory folder appears only once its trajectory has ended; cancelled ones leave nothing behind.
     *
     * @throws IllegalArgumentException for bad input, before anything is written
     * @throws IllegalStateException when the output folder is in use or holds what the request may not replace or
     *                               resume, before anything is written
     */
    SweepOutcome sweep(SweepRequest request, SweepListener listener);

    /**
     * As {@link #sweep(SweepRequest, SweepListener)}, with each trajectory run by {@code executor} instead of this
     * process's {@link TrajectoryRunner}: the same folder, files and {@code sweep.csv}. At most {@code threads}
     * trajectories are in flight at once.
     *
     * @since 1.4
     */
    SweepOutcome sweep(SweepRequest request, SweepListener listener, TrajectoryExecutor executor);

    /**
     * Writes {@code sweep.csv} of the sweep in {@code folder} from its recorded trajectories (those of its shards),
     * byte for byte what one process running the whole sweep writes.
     *
     * @throws IllegalStateException when a shard still runs there, or when trajectories are missing (named)
     */
    SweepOutcome merge(Path folder);

    /** Stops every sweep now running, as if each listener had asked; returns how many were running. */
    int cancelAll();
}
