package org.biasflow.shell.internal;

import static org.biasflow.api.TargetLoss.levelText;

import java.util.Locale;

/**
 * Where a distance column of a measured trajectory crosses a tolerance, read off its checkpoints: the crossing lies
 * in the checkpoint interval named, no finer than the checkpoints are spaced.
 *
 * @param log10Losses the checkpoints' log10 ε, in the order reached (decreasing)
 * @param distances the column's value at each checkpoint
 */
record MeasuredCrossing(double[] log10Losses, double[] distances) {

    /**
     * The rich side: the first interval where the distance falls to the tolerance or below, and whether it leaves
     * again (as at depth D &gt; 2, where the ℓ1 direction can be a transient).
     */
    String enteringBelow(double tolerance) {
        int first = firstWithin(tolerance, 0);
        if (first < 0) {
            return "not within tol by " + levelText(deepest()) + closest();
        }
        String entered = first == 0 ? "within tol from the first checkpoint, " + levelText(log10Losses[0])
                : "within tol between " + levelText(log10Losses[first - 1]) + " and " + levelText(log10Losses[first]);
        int left = firstOutside(tolerance, first);
        return left < 0 ? entered + ", and at every checkpoint after"
                : entered + "; LEAVES again between " + levelText(log10Losses[left - 1]) + " and "
                        + levelText(log10Losses[left]) + closest();
    }

    /** The kernel side: the checkpoints within the tolerance, if any, which the theory says form a leading range. */
    String withinAbove(double tolerance) {
        int first = firstWithin(tolerance, 0);
        if (first < 0) {
            return "never within tol down to " + levelText(deepest()) + closest();
        }
        int left = firstOutside(tolerance, first);
        String from = first == 0 ? "from the first checkpoint, " + levelText(log10Losses[0])
                : "from between " + levelText(log10Losses[first - 1]) + " and " + levelText(log10Losses[first]);
        return "within tol " + from + (left < 0 ? " to the last checkpoint"
                : " until between " + levelText(log10Losses[left - 1]) + " and " + levelText(log10Losses[left]));
    }

    double deepest() {
        return log10Losses[log10Losses.length - 1];
    }

    /** The index of the first checkpoint within the tolerance, or −1. */
    int firstWithin(double tolerance) {
        return firstWithin(tolerance, 0);
    }

    private int firstWithin(double tolerance, int from) {
        for (int k = from; k < distances.length; k++) {
            if (distances[k] <= tolerance) {
                return k;
            }
        }
        return -1;
    }

    private int firstOutside(double tolerance, int from) {
        for (int k = from; k < distances.length; k++) {
            if (!(distances[k] <= tolerance)) {
                return k;
            }
        }
        return -1;
    }

    private String closest() {
        int best = 0;
        for (int k = 1; k < distances.length; k++) {
            if (distances[k] < distances[best]) {
                best = k;
            }
        }
        return String.format(Locale.ROOT, " (closest %.3g at %s)", distances[best], levelText(log10Losses[best]));
    }
}
