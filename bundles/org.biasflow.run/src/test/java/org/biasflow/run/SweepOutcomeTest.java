package org.biasflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SweepOutcomeTest {

    @Test
    void statusesKeepTheOrderTheyAreCountedIn() {
        Map<String, Integer> statuses = new LinkedHashMap<>();
        statuses.put("completed", 11);
        statuses.put("stalled", 2);
        statuses.put("limit_reached", 1);
        statuses.put("failed", 3);

        SweepOutcome outcome = new SweepOutcome(Path.of("s"), 17, 17, List.of(), false, 1.0, statuses, 0, List.of());

        assertEquals(List.of("completed", "stalled", "limit_reached", "failed"), List.copyOf(outcome.statuses()
                .keySet()));
    }
}
