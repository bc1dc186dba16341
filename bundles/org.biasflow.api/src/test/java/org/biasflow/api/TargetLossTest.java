package org.biasflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TargetLossTest {

    @Test
    void valuesBeyondTheDoubleRangeAreExact() {
        assertEquals(-1_000_000, TargetLoss.parse("1e-1000000").log10(), 0);
        assertEquals(Math.log10(2.5) - 300_000, TargetLoss.parse("2.5e-300000").log10(), 1e-9);
        assertEquals(-3, TargetLoss.parse("0.001").log10(), 1e-15);
        assertEquals(Math.log10(5), TargetLoss.parse("5").log10(), 1e-15);
        assertEquals(1_000_000 * Math.log(10), TargetLoss.parse("1e-1000000").negativeLog(), 1e-6);
    }

    @Test
    void targetsGivenAsLog10ReadBackTheSame() {
        assertEquals("1e-100000", TargetLoss.ofLog10(-100000).text());
        assertEquals(-12.5, TargetLoss.parse(TargetLoss.ofLog10(-12.5).text()).log10(), 1e-12);
    }

    @Test
    void longMantissasKeepTheirMagnitude() {
        assertEquals(Math.log10(1.2345678901234567), TargetLoss.parse("1.23456789012345678901234").log10(), 1e-15);
    }

    @Test
    void nonPositiveOrMalformedTargetsAreRefused() {
        for (String bad : List.of("0", "-1e-5", "abc", "1e-5e", "NaN")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> TargetLoss.parse(bad));
            assertTrue(error.getMessage().contains("'" + bad + "'"), error.getMessage());
        }
    }

    @Test
    void exponentsBeyondAnIntAreReadExactly() {
        assertEquals(-99999999999.0, TargetLoss.parse("1e-99999999999").log10());
        assertEquals(-99999999999.0 + Math.log10(2.5), TargetLoss.parse("2.5e-99999999999").log10(), 1e-4);
        assertEquals("1e-99999999999", TargetLoss.parse("1e-99999999999").text());
        IllegalArgumentException tooFar = assertThrows(IllegalArgumentException.class,
                () -> TargetLoss.parse("1e-99999999999999999999"));
        assertTrue(tooFar.getMessage().contains("exponent"), tooFar.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TargetLoss.parse("-1e-99999999999"));
    }

    @Test
    void targetsSortFromLargestToSmallestLoss() {
        List<TargetLoss> sorted = List.of(TargetLoss.parse("1e-100"), TargetLoss.parse("0.1"),
                TargetLoss.parse("1e-10")).stream().sorted().toList();

        assertEquals(List.of("0.1", "1e-10", "1e-100"), sorted.stream().map(TargetLoss::text).toList());
    }

    @Test
    void levelsReadToATenthWithoutATrailingZero() {
        // the deepest checkpoint of a depth-3 trajectory of the main job, asked for at 1e-100000
        assertEquals("1e-100000", TargetLoss.levelText(-100000.00000120308));
        assertEquals("1e-100000", TargetLoss.levelText(-99999.96));
        assertEquals("1e-45.3", TargetLoss.levelText(-45.312));
        assertEquals("1e-2", TargetLoss.levelText(-2.0));
        assertEquals("1e-0.1", TargetLoss.levelText(-0.06));
        assertEquals("1e0", TargetLoss.levelText(-0.04));
    }
}
