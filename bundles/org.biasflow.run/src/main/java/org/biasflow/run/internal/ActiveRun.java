package org.biasflow.run.internal;

/**
 * Work going on (a run, a sweep checking its grid) that can be cancelled, and why and when it was: a call that does
 * not return ({@link Watched}) is left some time after.
 */
final class ActiveRun {
    private volatile String reason;
    private volatile long cancelledAt;

    /** @return whether this was the first cancellation, whose reason is kept */
    boolean cancel(String why) {
        synchronized (this) {
            if (reason != null) {
                return false;
            }
            cancelledAt = System.nanoTime();
            reason = why;
            return true;
        }
    }

    String reason() {
        return reason;
    }

    /** How long ago the work was cancelled; meaningful once {@link #reason()} is set. */
    long nanosSinceCancel() {
        return System.nanoTime() - cancelledAt;
    }
}
