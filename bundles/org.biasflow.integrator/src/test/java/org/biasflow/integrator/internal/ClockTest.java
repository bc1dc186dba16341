package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The inversion of the clock: exact where the clock is finite, a named stop where it is not. */
class ClockTest {

    @Test
    void invertsTheClockAcrossScales() {
        Clock clock = new Clock(1.0, 0.5);
        for (double gain : new double[] {1e-12, 1.0, 1e6, 1e300}) {
            assertEquals(1.0 + gain, clock.loss(clock.at(gain)), 1e-9 * (1.0 + gain));
        }
    }

    @Test
    void aNonFiniteTimeStopsTheRunNamingItInsteadOfLooping() {
        Clock clock = new Clock(1.0, 0.5);
        for (double rho : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            FlowStop stop = assertThrows(FlowStop.class, () -> clock.loss(rho));
            assertTrue(stop.getMessage().contains("reparametrized time reached " + rho), stop.getMessage());
        }
    }
}
