package org.biasflow.run;

import org.osgi.annotation.versioning.ProviderType;

/** Runs a grid of trajectories in parallel and gathers their checkpoints into one table. */
@ProviderType
public interface SweepRunner {

    /**
     * Runs every (α, D) of the request, each as a {@link TrajectoryRunner} run in {@code OUT/runs/alpha=…_depth=…},
     * and keeps {@code OUT/sweep.csv} (rows in grid order, whatever the order of completion, so the file is the
     * same for any thread count) up to date, atomically, as trajectories finish. A trajectory folder appears only
     * once its trajectory has ended; cancelled ones leave nothing behind.
     *
     * @throws IllegalArgumentException for bad input, before anything is written
     */
    SweepOutcome sweep(SweepRequest request, SweepListener listener);

    /** Stops every sweep now running, as if each listener had asked; returns how many were running. */
    int cancelAll();
}
