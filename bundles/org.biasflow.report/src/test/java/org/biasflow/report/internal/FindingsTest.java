package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a log10 ε reads in the report. */
class FindingsTest {

    @Test
    void aCheckpointAtALevelReadsAsTheLevelItWasAskedAt() {
        // the deepest checkpoint of a depth-3 trajectory of the main job, asked for at 1e-100000
        assertEquals("not reached by 1e-100000", Findings.describe(Double.NaN, -100000.00000120308));
        assertEquals("1e-100000", Findings.describe(-99999.96, -100000.0));
        assertEquals("1e-2", Findings.describe(-2.0, -100.0));
    }

    @Test
    void otherLevelsKeepTheirTenth() {
        assertEquals("1e-45.3", Findings.describe(-45.312, -100.0));
    }
}
