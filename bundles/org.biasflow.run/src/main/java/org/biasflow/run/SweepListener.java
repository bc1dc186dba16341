package org.biasflow.run;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears how a sweep advances, and may stop it. */
@ConsumerType
public interface SweepListener {

    /** Called each time a trajectory has ended and its outputs are on disk. */
    void trajectoryDone(int done, int total, double elapsedSeconds);

    /** Polled between integration steps; true stops the sweep, keeping every finished trajectory. */
    default boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }
}
