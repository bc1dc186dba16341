package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumberLiteralsTest {

    @Test
    void literalsBeyondTheDoubleRangeAreQuoted() {
        assertEquals("bf:run --eps '1e-1000000' --alpha 0.5", NumberLiterals.protect("bf:run --eps 1e-1000000 --alpha 0.5"));
        assertEquals("echo '2.5E400' '-1e-400'", NumberLiterals.protect("echo 2.5E400 -1e-400"));
    }

    /** Gogo would hand these over as 1.0E-10 and 0.001: the user's text goes to the command instead. */
    @Test
    void literalsThatADoublePrintsOtherwiseAreQuoted() {
        assertEquals("bf:run --eps '1e-10' --alpha '1e-3' --depth 3", NumberLiterals.protect("bf:run --eps 1e-10 --alpha 1e-3 --depth 3"));
        assertEquals("echo '0.50' 0.5 1.0 '0.0e-999'", NumberLiterals.protect("echo 0.50 0.5 1.0 0.0e-999"));
    }

    @Test
    void everythingElseIsLeftAsWritten() {
        for (String line : new String[] {"bf:run --eps 1e-1,1e-10000 --alpha 0.001", "echo '1e-10000'",
                "echo \"1e-10000\"", "each [1 2] { echo $it }", "bf:run --eps 0 --out 1e-10000x"}) {
            assertEquals(line, NumberLiterals.protect(line));
        }
    }
}
