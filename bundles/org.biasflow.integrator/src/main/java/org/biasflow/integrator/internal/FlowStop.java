package org.biasflow.integrator.internal;

import org.biasflow.api.Trajectory;

/** Ends a run early with a status and a sentence for the user. */
final class FlowStop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Trajectory.Status status;

    FlowStop(Trajectory.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    Trajectory.Status status() {
        return status;
    }
}
