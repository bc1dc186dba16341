package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MirrorPotentialTest {

    private static final MirrorPotential DEPTH_THREE = MirrorPotential.of(3);

    /** h₃(s) = (1−s)⁻³ − (1+s)⁻³ = 6s + 20s³ + …, H₃(s) = ½((1−s)⁻² + (1+s)⁻² − 2) = 3s² + 5s⁴ + …. */
    @Test
    void depthThreeKeepsItsDigitsWhereThePowersCancel() {
        double s = 1e-6;
        assertEquals(6 * s + 20 * s * s * s, DEPTH_THREE.map(1, s), 1e-15 * 6 * s);
        assertEquals(3 * s * s + 5 * Math.pow(s, 4), DEPTH_THREE.potential(1, s), 1e-15 * 3 * s * s);
        assertEquals(-DEPTH_THREE.map(1, s), DEPTH_THREE.map(1, -s), 1e-15 * 6 * s);
    }

    @Test
    void depthThreeMatchesTheDirectFormulasAwayFromZero() {
        for (double s : new double[] {-0.9, -0.5, 0.3, 0.75}) {
            assertEquals(2.5 * (Math.pow(1 - s, -3) - Math.pow(1 + s, -3)), DEPTH_THREE.map(2.5, s),
                    1e-14 * Math.abs(DEPTH_THREE.map(2.5, s)));
            assertEquals(2.5 * 0.5 * (Math.pow(1 - s, -2) + Math.pow(1 + s, -2) - 2), DEPTH_THREE.potential(2.5, s),
                    1e-14 * DEPTH_THREE.potential(2.5, s));
        }
    }
}
