package org.biasflow.chart;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

final class Legends {
    private Legends() {
    }

    /** Two legend entries with one name could not be told apart. */
    static void requireDistinctNames(List<Series> series, String chart) {
        Set<String> names = new HashSet<>();
        for (Series one : series) {
            if (!names.add(one.name())) {
                throw new IllegalArgumentException(chart + " has two series named \"" + one.name() + "\"");
            }
        }
    }
}
