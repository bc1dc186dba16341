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

    /**
     * Progress with an estimate of the time left: one line rewritten in place when the JVM has a terminal, and
     * otherwise, for logs and pipes, a line of its own at each tenth of the sweep.
     */
    static SweepListener progressLine(PrintStream out) {
        boolean terminal = System.console() != null;
        return (done, total, elapsed) -> {
            if (!terminal && done < total && done * 10 / total == (done - 1) * 10 / total) {
                return;
            }
            double left = elapsed / done * (total - done);
            out.printf(Locale.ROOT, "%ssweep: %d/%d trajectories, %.0f s elapsed, about %.0f s left%s",
                    terminal ? "\r" : "", done, total, elapsed, left, terminal && done < total ? "" : "\n");
            out.flush();
        };
    }
}
