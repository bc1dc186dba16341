package org.biasflow.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A finished (or cancelled) sweep, or the part of it one shard ran.
 *
 * @param output the folder holding {@code sweep.csv} and {@code runs/}
 * @param total the trajectories asked for (of a shard: its slice)
 * @param finished the trajectories recorded, by this process or, for a resumed sweep, earlier
 * @param problems one line for each recorded trajectory that did not complete every target
 * @param cancelled whether the sweep was stopped before all trajectories finished: by its user, or of itself
 *                  ({@code stopped})
 * @param wallSeconds wall time of the whole sweep
 * @param statuses how many of the {@code total} trajectories ended with each status ({@code completed},
 *                 {@code stalled}, {@code limit_reached}, {@code failed}), and {@code not_run} for those that did
 *                 not run (a cancelled sweep), in that order
 * @param skipped trajectories found recorded already and kept ({@code --resume})
 * @param notes sentences for the user: repeated grid values dropped, a lock taken over, what a shard leaves to
 *              {@code bf:sweep-merge}
 * @param stopped why the sweep stopped of itself before every trajectory ran, such as a file it could not write,
 *                with what to do about it; empty when it ran to the end or its user cancelled it
 */
public record SweepOutcome(Path output, int total, int finished, List<String> problems, boolean cancelled,
        double wallSeconds, Map<String, Integer> statuses, int skipped, List<String> notes, String stopped) {

    public SweepOutcome {
        problems = List.copyOf(problems);
        statuses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statuses));
        notes = List.copyOf(notes);
        java.util.Objects.requireNonNull(stopped, "stopped");
    }

    /** An outcome that did not stop of itself. */
    public SweepOutcome(Path output, int total, int finished, List<String> problems, boolean cancelled,
            double wallSeconds, Map<String, Integer> statuses, int skipped, List<String> notes) {
        this(output, total, finished, problems, cancelled, wallSeconds, statuses, skipped, notes, "");
    }

    public SweepOutcome(Path output, int total, int finished, List<String> problems, boolean cancelled,
            double wallSeconds) {
        this(output, total, finished, problems, cancelled, wallSeconds, Map.of(), 0, List.of());
    }

    /** Whether every trajectory asked for ran and reached every target. */
    public boolean allCompleted() {
        return !cancelled && statuses.getOrDefault("completed", 0) == total;
    }
}
