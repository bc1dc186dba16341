package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.biasflow.api.TargetLoss;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static List<Double> log10s(String list) {
        return Arguments.targets(list).stream().map(TargetLoss::log10).toList();
    }

    @Test
    void targetsAreReadAsLog10ValuesLargestFirstWithoutRepeats() {
        assertEquals(List.of(-1.0, -10.0, -1_000_000.0), log10s("1e-10, 1e-1,1e-1000000,1e-10"));
    }

    @Test
    void decadeRangesAndLogSpacedRangesCombine() {
        assertEquals(List.of(-1.0, -2.0, -3.0, -10.0, -100.0, -1000.0), log10s("1e-1:1e-3,1e-10:1e-1000:3"));
        assertEquals("1e-2", Arguments.targets("1e-1:1e-2").get(1).text());
    }

    @Test
    void valuesAcceptLogSpacedRanges() {
        List<Double> alphas = Arguments.values("1e-3:1e3:13");

        assertEquals(13, alphas.size());
        assertEquals(0.001, alphas.get(0), 0);
        assertEquals(1.0, alphas.get(6), 1e-12);
        assertEquals(1000.0, alphas.get(12), 0);
        assertEquals(List.of(0.5, 2.0), Arguments.values("0.5, 2"));
    }

    @Test
    void malformedListsAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Arguments.targets("1e-1:1e-200000"))
                .getMessage().contains("A:B:n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Arguments.targets("0.0"))
                .getMessage().contains("quote it"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Arguments.values("1:10:0"))
                .getMessage().contains("count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Arguments.values("-1:10:3"))
                .getMessage().contains("positive ends"));
        // a million values ran out of memory before: the range is refused at once, whichever option holds it
        assertEquals("'1e-3:1e3:1000000': the count must be a whole number from 1 to 10000", assertThrows(
                IllegalArgumentException.class, () -> Arguments.values("1e-3:1e3:1000000")).getMessage());
        assertEquals("'1e-1:1e-100000:10000001': the count must be a whole number from 1 to 10000", assertThrows(
                IllegalArgumentException.class, () -> Arguments.targets("1e-1:1e-100000:10000001")).getMessage());
        assertEquals(10_000, Arguments.values("1e-3:1e3:10000").size());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Arguments.keyValues("step"))
                .getMessage().contains("key=value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Arguments.numbers("1,x"))
                .getMessage().contains("'x'"));
    }

    @Test
    void optionsAndShapesAreParsed() {
        assertEquals(Map.of("step", "0.5", "max-steps", "100"), Arguments.keyValues("step=0.5, max-steps=100"));
        assertEquals("option rtol is given twice (rtol=1e-5 and rtol=1e-6): give it once; a sweep takes its values as"
                + " one list, rtol=a|b", assertThrows(IllegalArgumentException.class,
                        () -> Arguments.keyValues("rtol=1e-5, rtol=1e-6")).getMessage());
        assertArrayEquals(new double[] {1, 2.5}, Arguments.numbers("1,2.5"));
    }

    @Test
    void sweptSettingsAreListsOfSeedsShapesAndOptionValues() {
        assertEquals(List.of(1L, 2L, 5L, 6L, 7L), Arguments.seeds("1,2, 5:7"));
        List<double[]> shapes = Arguments.shapes("1|2|1,0.5,0.5", "--shape");
        assertEquals(3, shapes.size());
        assertArrayEquals(new double[] {1, 0.5, 0.5}, shapes.get(2));
        assertEquals(Map.of("width", List.of("10", "20"), "step", List.of("0.5")),
                Arguments.optionLists("width=10|20,step=0.5"));
        assertEquals(List.of("diagonal", "fully-connected"), Arguments.names("diagonal, fully-connected", "--models"));
    }

    @Test
    void malformedOrEmptySweepListsAreRefusedByName() {
        assertEquals("--seeds 'x': 'x' is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> Arguments.seeds("1,x")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Arguments.seeds("5:1")).getMessage()
                .contains("runs up from A to B"));
        assertEquals("--seeds ',' gives no seed",
                assertThrows(IllegalArgumentException.class, () -> Arguments.seeds(",")).getMessage());
        assertEquals("--shape '1||2': shape 2 of 3 is empty (shapes are separated by |, a shape's values by commas)",
                assertThrows(IllegalArgumentException.class, () -> Arguments.shapes("1||2", "--shape")).getMessage());
        assertEquals("--negative-shape '1,y': shape 1: 'y' is not a number", assertThrows(
                IllegalArgumentException.class, () -> Arguments.shapes("1,y", "--negative-shape")).getMessage());
        assertEquals("option 'width=2||3': a value is empty (values are separated by |)", assertThrows(
                IllegalArgumentException.class, () -> Arguments.optionLists("width=2||3")).getMessage());
        assertEquals("--models ' , ' names nothing",
                assertThrows(IllegalArgumentException.class, () -> Arguments.names(" , ", "--models")).getMessage());
    }
}
