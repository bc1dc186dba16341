package org.biasflow.data.internal;

import java.util.Locale;

/**
 * Whether N points of d features fit in this JVM as doubles. A data set is held several times over during a run
 * (the points, their signed copy, the integrator's and the analyzers' copies), so one copy may take at most a
 * quarter of the heap; beyond it the run would end in an OutOfMemoryError with no word about its cause.
 */
public final class DenseSize {
    private DenseSize() {
    }

    /** Why N × d doubles do not fit, as "N points of d features: X GB as doubles, …", or null when they do. */
    public static String problem(long points, long dimension) {
        double bytes = 8.0 * points * dimension;
        long allowed = Runtime.getRuntime().maxMemory() / 4;
        if (bytes <= allowed) {
            return null;
        }
        return String.format(Locale.ROOT, "%d points of %d features: %.1f GB as doubles, more than the %.1f GB"
                + " (a quarter of the heap) one copy of the data may take; raise the heap with java -Xmx or use"
                + " fewer points or features", points, dimension, bytes / 1e9, allowed / 1e9);
    }
}
