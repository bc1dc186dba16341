package org.biasflow.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void matchesTheReferenceOutputsForSeedZero() {
        SplitMix64 random = new SplitMix64(0);

        assertEquals(0xE220A8397B1DCDAFL, random.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, random.nextLong());
        assertEquals(0x06C45D188009454FL, random.nextLong());
    }

    @Test
    void drawsEveryValueBelowTheBoundAboutEquallyOften() {
        SplitMix64 random = new SplitMix64(3);
        int[] counts = new int[7];
        for (int k = 0; k < 70_000; k++) {
            counts[random.nextInt(7)]++;
        }
        for (int count : counts) {
            assertEquals(10_000, count, 400);
        }
    }

    @Test
    void drawsTheGaussianTailAboveItsLowerBoundWithTheRightMean() {
        SplitMix64 random = new SplitMix64(4);
        double lower = 2;
        double sum = 0;
        for (int k = 0; k < 50_000; k++) {
            double z = random.nextGaussianTail(lower);
            assertTrue(z >= lower, z + " below " + lower);
            sum += z;
        }
        // E[Z | Z ≥ 2] = φ(2) / (1 − Φ(2)) for a standard Gaussian Z.
        assertEquals(2.3732155, sum / 50_000, 0.01);
    }
}
