package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.biasflow.analyzer.MaxMargin;
import org.biasflow.data.SyntheticData;
import org.junit.jupiter.api.Test;

class L1InteriorPointTest {

    private static final SignedData TEACHER = new SignedData(
            SyntheticData.sparseTeacher(80, 600, 3, 0, 7).dataSet());

    /** The polished vertex and the simplex's agree to rounding: both are the unique, exactly certified optimum. */
    @Test
    void polishedInteriorPointSolutionIsTheSimplexVertex() {
        MaxMargin polished = L1MaxMarginSolver.solve(TEACHER);
        MaxMargin simplex = L1MaxMarginSolver.columnGeneration(TEACHER, L1InteriorPoint.initialWorkingSet(TEACHER));

        assertTrue(polished.certificate().passed(), polished.certificate().describe());
        assertTrue(Math.abs(polished.certificate().dualityGap()) < 1e-12, polished.certificate().describe());
        assertTrue(polished.unique());
        assertEquals(simplex.maxMargin(), polished.maxMargin(), 1e-12 * simplex.maxMargin());
        assertArrayEquals(simplex.beta(), polished.beta(), 1e-10);
        assertArrayEquals(simplex.dual(), polished.dual(), 1e-10);
    }

    /** The estimate is accurate to the interior-point tolerance 1e-9, well within the 1e-6 that identification needs. */
    @Test
    void estimateIsCloseToTheOptimum() {
        L1InteriorPoint.Estimate estimate = L1InteriorPoint.solve(TEACHER);
        assertNotNull(estimate);
        MaxMargin optimum = L1MaxMarginSolver.solve(TEACHER);

        assertArrayEquals(optimum.beta(), estimate.beta(), 1e-6);
        assertArrayEquals(optimum.dual(), estimate.dual(), 1e-6);
    }
}
