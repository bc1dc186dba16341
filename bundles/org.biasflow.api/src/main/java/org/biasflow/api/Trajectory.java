package org.biasflow.api;

import java.util.List;

/**
 * How a trajectory ended.
 *
 * @param status why it stopped
 * @param message a sentence for the user; for every status but {@link Status#COMPLETED} it says what stopped
 *                the run (for a stall, the loss value it cannot go below)
 * @param checkpoints the checkpoints reached, in order
 * @param evaluations vector-field (gradient) evaluations
 * @param jacobians Jacobian evaluations
 * @param steps accepted steps
 * @param rejectedSteps rejected steps
 */
public record Trajectory(Status status, String message, List<Checkpoint> checkpoints, long evaluations,
        long jacobians, long steps, long rejectedSteps) {

    public Trajectory {
        checkpoints = List.copyOf(checkpoints);
    }

    public enum Status {
        /** Every target was reached. */
        COMPLETED,
        /** The loss stopped decreasing: the data are not separable for this loss, or the model cannot fit it. */
        STALLED,
        /** The integrator cannot go further (a step limit, or a step that no longer changes the state). */
        LIMIT_REACHED,
        /** The run was cancelled. */
        CANCELLED,
        /** A service failed or returned a non-finite value. */
        FAILED
    }
}
