package org.biasflow.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MeasuredCrossingTest {

    private static final double[] LOG10_LOSSES = {-1, -10, -100, -1000, -10000};

    @Test
    void theRichSideNamesTheIntervalWhereTheDistanceFirstFallsToTheTolerance() {
        MeasuredCrossing crossing = new MeasuredCrossing(LOG10_LOSSES, new double[] {0.6, 0.3, 0.09, 0.05, 0.02});

        assertEquals("within tol between 1e-10 and 1e-100, and at every checkpoint after",
                crossing.enteringBelow(0.1));
    }

    @Test
    void aTransientPassageIsCalledOneAndTheClosestApproachIsGiven() {
        MeasuredCrossing crossing = new MeasuredCrossing(LOG10_LOSSES, new double[] {0.6, 0.3, 0.09, 0.12, 0.3});

        assertEquals("within tol between 1e-10 and 1e-100; LEAVES again between 1e-100 and 1e-1000"
                + " (closest 0.0900 at 1e-100)", crossing.enteringBelow(0.1));
        assertEquals("not within tol by 1e-10000 (closest 0.0900 at 1e-100)", crossing.enteringBelow(0.05));
    }

    @Test
    void theKernelSideNamesTheRangeOfCheckpointsWithinTheTolerance() {
        MeasuredCrossing crossing = new MeasuredCrossing(LOG10_LOSSES, new double[] {0.2, 0.08, 0.09, 0.3, 0.5});

        assertEquals("within tol from between 1e-1 and 1e-10 until between 1e-100 and 1e-1000",
                crossing.withinAbove(0.1));
        assertEquals("within tol from the first checkpoint, 1e-1 until between 1e-100 and 1e-1000",
                crossing.withinAbove(0.25));
        assertEquals("never within tol down to 1e-10000 (closest 0.0800 at 1e-10)", crossing.withinAbove(0.05));
    }
}
