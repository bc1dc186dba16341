package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.biasflow.api.DataSet;
import org.biasflow.api.ServiceProperties;
import org.biasflow.api.TargetLoss;
import org.junit.jupiter.api.Test;

/** Refusals before a run: option types, scales the flow cannot represent, points with both labels. */
class RunChecksTest {

    private static final DataSet TIMESTAMPS = new DataSet(new double[][] {{1.7e18, 2}, {1.6e18, -2}, {1.75e18, 3}},
            new int[] {1, -1, 1}, "ts.csv");
    private static final DataSet UNIT = new DataSet(new double[][] {{1.7, 2}, {1.6, -2}, {1.75, 3}},
            new int[] {1, -1, 1}, "unit.csv");

    @Test
    void optionTypesAreChecked() {
        assertNull(RunChecks.misfit("20", ServiceProperties.COUNT));
        assertTrue(RunChecks.misfit("2500000000", ServiceProperties.COUNT).contains("2147483647"));
        assertTrue(RunChecks.misfit("1e3", ServiceProperties.COUNT).contains("digits"));
        assertTrue(RunChecks.misfit("0", ServiceProperties.COUNT).contains("from 1"));
        assertNull(RunChecks.misfit("-0.5", ServiceProperties.NUMBER));
        assertTrue(RunChecks.misfit("-0.5", ServiceProperties.POSITIVE).contains("above 0"));
        assertTrue(RunChecks.misfit("1e400", ServiceProperties.POSITIVE).contains("double range"));
        assertTrue(RunChecks.misfit("abc", ServiceProperties.NUMBER).contains("not a number"));
        assertTrue(RunChecks.misfit("NaN", ServiceProperties.POSITIVE).contains("not a number"));
        assertNull(RunChecks.misfit("anything", ServiceProperties.TEXT));
        assertNull(RunChecks.misfit("dense", "auto|dense|krylov"));
        assertTrue(RunChecks.misfit("sparse", "auto|dense|krylov").contains("one of auto, dense, krylov"));
    }

    @Test
    void perRunTolerancesOverrideTheConfiguredOnes() {
        assertEquals(1e-6, RunChecks.tolerances(Map.of("rtol", "1e-6"), 1e-10, 1e-12).relative());
        assertEquals(1e-12, RunChecks.tolerances(Map.of("rtol", "1e-6"), 1e-10, 1e-12).absolute());
        assertThrows(IllegalArgumentException.class, () -> RunChecks.tolerances(Map.of("atol", "2"), 1e-10, 1e-12));
    }

    @Test
    void aRelativeToleranceBelowWhatDoublesKeepIsRefusedNamingTheLimit() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RunChecks.tolerances(Map.of("rtol", "1e-15"), 1e-10, 1e-12));
        assertTrue(refused.getMessage().startsWith("option rtol=1e-15: below 1e-14"), refused.getMessage());
        assertEquals(1e-14, RunChecks.tolerances(Map.of("rtol", "1e-14"), 1e-10, 1e-12).relative());
        assertEquals(1e-30, RunChecks.tolerances(Map.of("atol", "1e-30"), 1e-10, 1e-12).absolute());
    }

    @Test
    void timestampsAtAlphaOneAreRefusedNamingAlphaDepthAndTheFeature() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RunChecks.scale(1, 2, TIMESTAMPS));

        String message = refused.getMessage();
        assertTrue(message.contains("--alpha 1.0 at --depth 2 on ts.csv"), message);
        assertTrue(message.contains("1.75e+18 (point 3, x1)"), message);
        assertTrue(message.contains("scale-equivariant"), message);
    }

    @Test
    void alphasWhosePowerUnderOrOverflowsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunChecks.scale(1e-300, 2, UNIT)).getMessage()
                .contains("below"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunChecks.scale(1e300, 2, UNIT)).getMessage()
                .contains("above"));
        assertThrows(IllegalArgumentException.class, () -> RunChecks.scale(1e6, 3, UNIT));
        DataSet subnormal = new DataSet(new double[][] {{1e-310, 2e-310}, {-1e-310, 1e-310}}, new int[] {1, 1}, "s");
        assertThrows(IllegalArgumentException.class, () -> RunChecks.scale(1, 2, subnormal));
        assertDoesNotThrow(() -> RunChecks.scale(1e-30, 2, UNIT));
        assertDoesNotThrow(() -> RunChecks.scale(1e7, 2, UNIT));
        assertDoesNotThrow(() -> RunChecks.scale(-1, 2, UNIT), "the model refuses alpha <= 0 in its own words");
    }

    @Test
    void dataWhoseFeaturesAreAllZeroAreRefusedAsSuch() {
        DataSet zeros = new DataSet(new double[][] {{0, 0}, {0, -0.0}}, new int[] {1, -1}, "zero.csv");

        String message = assertThrows(IllegalArgumentException.class, () -> RunChecks.scale(1, 2, zeros)).getMessage();

        assertTrue(message.startsWith("zero.csv: every feature of every point is 0, so no predictor separates"),
                message);
    }

    @Test
    void theSamePointWithBothLabelsIsRefusedAtOnce() {
        DataSet contradiction = new DataSet(new double[][] {{1, 0}, {0, 1}, {-0.0, 1}}, new int[] {1, 1, -1}, "dup");
        List<TargetLoss> deep = List.of(TargetLoss.parse("1e-10"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RunChecks.separable(contradiction, deep));
        assertTrue(refused.getMessage().contains("points 2 and 3"), refused.getMessage());
        assertDoesNotThrow(() -> RunChecks.separable(contradiction, List.of(TargetLoss.parse("5"))));
        assertDoesNotThrow(() -> RunChecks.separable(UNIT, deep));
    }

    /** A point at the origin has margin 0 under every predictor (as one read from 1e-400 would have been). */
    @Test
    void aPointWhoseFeaturesAreAllZeroIsRefusedAtOnce() {
        DataSet origin = new DataSet(new double[][] {{1, 0}, {0, -0.0}, {0, 1}}, new int[] {1, 1, -1}, "origin.csv");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RunChecks.separable(origin, List.of(TargetLoss.parse("1e-10"))));

        assertTrue(refused.getMessage().startsWith("origin.csv: point 2 has every feature 0, so its margin is 0"),
                refused.getMessage());
        assertDoesNotThrow(() -> RunChecks.separable(origin, List.of(TargetLoss.parse("0.8"))),
                "the logistic loss at 0 is ln 2 = 0.69, below 0.8");
    }
}
