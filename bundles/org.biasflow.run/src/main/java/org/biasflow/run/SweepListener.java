package org.biasflow.run;

import java.io.PrintStream;
import java.util.Locale;

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

    /** A progress line rewritten in place on {@code out}, with an estimate of the time left. */
    static SweepListener progressLine(PrintStream out) {
        return (done, total, elapsed) -> {
            double left = elapsed / done * (total - done);
            out.printf(Locale.ROOT, "\rsweep: %d/%d trajectories, %.0f s elapsed, about %.0f s left%s", done, total,
                    elapsed, left, done == total ? "\n" : "");
            out.flush();
        };
    }
}
