package org.biasflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParameterOutputTest {

    @Test
    void theDefaultWritesSmallNetworksOnly() {
        assertTrue(ParameterOutput.AUTO.writes(ParameterOutput.AUTOMATIC_LIMIT));
        assertFalse(ParameterOutput.AUTO.writes(ParameterOutput.AUTOMATIC_LIMIT + 1));
        assertTrue(ParameterOutput.ALL.writes(ParameterOutput.AUTOMATIC_LIMIT + 1));
        assertFalse(ParameterOutput.NONE.writes(1));
    }

    @Test
    void theCommandLineWordsAreReadAndOthersRefusedNamingTheChoices() {
        assertEquals(ParameterOutput.ALL, ParameterOutput.parse(" All"));
        assertEquals(ParameterOutput.NONE, ParameterOutput.parse("none"));
        assertEquals("--parameters 'some' is not one of all, none, auto",
                assertThrows(IllegalArgumentException.class, () -> ParameterOutput.parse("some")).getMessage());
    }
}
