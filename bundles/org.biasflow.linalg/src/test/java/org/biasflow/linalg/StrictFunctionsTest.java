package org.biasflow.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

/** Every function against {@link StrictMath}'s own, compared as bit patterns, so that -0.0 and NaNs count too. */
class StrictFunctionsTest {
    /**
     * Branch boundaries of the algorithms (|x| of 2⁻⁵⁴, 2⁻²⁹, 2⁻²⁸, ln2/2, 1, 1.5·ln2, 22, 56·ln2, ln(MAX_VALUE), the
     * overflow thresholds; log1p's √2 − 1 and 1 − √2/2, and the powers of two where its reduction changes).
     */
    private static final double[] EDGES = {
        0x1p-54, 0x1p-29, 0x1p-28, 0.5 * Math.log(2), 1.0, 1.5 * Math.log(2), 22.0, 56 * Math.log(2),
        Math.log(Double.MAX_VALUE), 710.4758600739439, 0.41421356237309503, 0.2928932188134524, 0x1p53, 0x1p1000, 2.0,
        0.5, Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL,
    };

    private final Random random = new Random(11);

    @Test
    void sinhIsStrictMathsBitForBit() {
        agreesEverywhere(StrictMath::sinh, StrictFunctions::sinh, "sinh");
    }

    @Test
    void coshIsStrictMathsBitForBit() {
        agreesEverywhere(StrictMath::cosh, StrictFunctions::cosh, "cosh");
    }

    @Test
    void expm1IsStrictMathsBitForBit() {
        agreesEverywhere(StrictMath::expm1, StrictFunctions::expm1, "expm1");
    }

    @Test
    void log1pIsStrictMathsBitForBit() {
        agreesEverywhere(StrictMath::log1p, StrictFunctions::log1p, "log1p");
    }

    private void agreesEverywhere(DoubleUnaryOperator strict, DoubleUnaryOperator ours, String name) {
        for (double x : arguments()) {
            assertEquals(Double.doubleToRawLongBits(strict.applyAsDouble(x)),
                    Double.doubleToRawLongBits(ours.applyAsDouble(x)),
                    () -> name + "(" + x + ") = " + strict.applyAsDouble(x) + " by StrictMath, "
                            + ours.applyAsDouble(x) + " here");
        }
    }

    /**
     * Special values; each edge and its negative with a few neighbours either side; x with every binary exponent
     * from −60 to 11, 8,000 each with both signs; just above −1, where log1p's argument reduction is delicate; and
     * random bit patterns.
     */
    private List<Double> arguments() {
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, -1.0, -2.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.longBitsToDouble(0x7ff8000000000123L),
                Double.longBitsToDouble(0xfff0000000000001L)));
        for (double edge : EDGES) {
            for (double sign : new double[] {1.0, -1.0}) {
                double x = sign * edge;
                for (int step = 0; step < 8; step++) {
                    xs.add(x);
                    x = Math.nextUp(x);
                }
                x = sign * edge;
                for (int step = 0; step < 8; step++) {
                    x = Math.nextDown(x);
                    xs.add(x);
                }
            }
        }
        for (int exponent = -60; exponent <= 11; exponent++) {
            for (int sample = 0; sample < 4_000; sample++) {
                double x = Math.scalb(1.0 + random.nextDouble(), exponent);
                xs.add(x);
                xs.add(-x);
            }
        }
        for (int sample = 0; sample < 20_000; sample++) {
            xs.add(-1.0 + Math.scalb(random.nextDouble(), -random.nextInt(60)));
        }
        for (int sample = 0; sample < 100_000; sample++) {
            xs.add(Double.longBitsToDouble(random.nextLong()));
        }
        return xs;
    }
}
