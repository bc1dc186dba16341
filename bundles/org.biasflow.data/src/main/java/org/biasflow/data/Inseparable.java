package org.biasflow.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.biasflow.api.DataSet;

/**
 * Points that by themselves keep a data set from being linearly separated, found in one pass, where a solver or the
 * flow would only fail or stall: a point whose features are all 0 has margin 0 for every β, and two points with the
 * same features and opposite labels cannot both have a positive margin.
 *
 * @since 1.7
 */
public final class Inseparable {
    private Inseparable() {
    }

    /** The first point (from 0) whose features are all 0; -1 when there is none. */
    public static int zeroPoint(DataSet data) {
        for (int n = 0; n < data.size(); n++) {
            if (Arrays.stream(data.point(n)).allMatch(x -> x == 0)) {
                return n;
            }
        }
        return -1;
    }

    /** The first two points (from 0, the earlier first) with the same features and opposite labels; null if none. */
    public static int[] oppositePair(DataSet data) {
        Map<Point, Integer> seen = new HashMap<>();
        for (int n = 0; n < data.size(); n++) {
            Integer earlier = seen.putIfAbsent(new Point(data.point(n)), n);
            if (earlier != null && data.label(earlier) != data.label(n)) {
                return new int[] {earlier, n};
            }
        }
        return null;
    }

    /** Features compared by value, with −0.0 equal to 0.0. */
    private record Point(double[] features) {
        Point {
            features = features.clone();
            for (int i = 0; i < features.length; i++) {
                features[i] += 0.0;
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Point point && Arrays.equals(features, point.features);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(features);
        }
    }
}
