package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a failed line gets the hint that Gogo took its '|' for a pipe. */
class PromptTest {

    @Test
    void aPipeBetweenTwoCharactersOfAWordIsFlagged() {
        assertTrue(Prompt.hasPipeInsideAWord("bf:sweep --data d.csv --options width=10|20 --out s"));
        assertTrue(Prompt.hasPipeInsideAWord("bf:sweep --options \"depth=2\" width=1|2"));
    }

    @Test
    void quotedPipesAndRealPipelinesAreNot() {
        assertFalse(Prompt.hasPipeInsideAWord("bf:sweep --options 'width=10|20' --out s"));
        assertFalse(Prompt.hasPipeInsideAWord("bf:sweep --options \"width=10|20\" --out s"));
        assertFalse(Prompt.hasPipeInsideAWord("bf:services | grep diagonal"));
        assertFalse(Prompt.hasPipeInsideAWord("a || b"));
        assertFalse(Prompt.hasPipeInsideAWord("width=10|"));
    }
}
