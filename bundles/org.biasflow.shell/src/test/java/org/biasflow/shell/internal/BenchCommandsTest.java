package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** bf:bench runs one benchmark: options of two are refused before any is measured, rather than one ignored. */
class BenchCommandsTest {

    @Test
    void twoBenchmarksOrSizesForAnotherAreRefusedNamingThem() {
        BenchCommands bench = new BenchCommands();
        assertEquals("--sweep and --generic are different benchmarks: give one",
                assertThrows(IllegalArgumentException.class, () -> bench.bench(2, true, true, false)).getMessage());
        assertEquals("--sizes sets the problems of the integrators' benchmark, which --data-files replaces: leave"
                + " --sizes out", assertThrows(IllegalArgumentException.class, () -> bench.bench(1, false, false, true))
                        .getMessage());
    }
}
