package org.biasflow.linalg;

/**
 * {@code sinh}, {@code cosh}, {@code expm1} and {@code log1p} with the results of {@link StrictMath} bit for bit,
 * computed in Java.
 *
 * <p>Java 17's {@code StrictMath} (and {@code Math}, which delegates to it for these four) computes them with fdlibm
 * in native code, and at a mirror map's 10⁴ features the native calls cost more than the arithmetic: 10,000 sinh
 * and cosh took 0.44–0.79 ms through {@code Math} and 0.25–0.44 ms here (docs/benchmarks.md), which made depth-3
 * flows 8–15 % faster. These are fdlibm's algorithms with its constants, so that every trajectory stays what it was,
 * here and on every machine of a cluster. {@code StrictMath.exp} is already Java, and is used as fdlibm uses its exp.
 */
public final class StrictFunctions {
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double EXPM1_OVERFLOW = 7.09782712893383973096e+02;
    private static final double Q1 = -3.33333333333331316428e-02;
    private static final double Q2 = 1.58730158725481460165e-03;
    private static final double Q3 = -7.93650757867487942473e-05;
    private static final double Q4 = 4.00821782732936239552e-06;
    private static final double Q5 = -2.01099218183624371326e-07;
    private static final double LP1 = 6.666666666666735130e-01;
    private static final double LP2 = 3.999999999940941908e-01;
    private static final double LP3 = 2.857142874366239149e-01;
    private static final double LP4 = 2.222219843214978396e-01;
    private static final double LP5 = 1.818357216161805012e-01;
    private static final double LP6 = 1.531383769920937332e-01;
    private static final double LP7 = 1.479819860511658591e-01;

    private StrictFunctions() {
    }

    /** {@link StrictMath#sinh(double)}, bit for bit. */
    public static double sinh(double x) {
        int high = highWord(x);
        int magnitude = high & 0x7fffffff;
        if (magnitude >= 0x7ff00000) {
            return x + x;
        }
        double half = high < 0 ? -0.5 : 0.5;
        if (magnitude < 0x40360000) {
            if (magnitude < 0x3e300000) {
                return x;
            }
            double t = expm1(Math.abs(x));
            if (magnitude < 0x3ff00000) {
                return half * (2.0 * t - t * t / (t + 1.0));
            }
            return half * (t + t / (t + 1.0));
        }
        if (magnitude < 0x40862E42) {
            return half * StrictMath.exp(Math.abs(x));
        }
        if (belowOverflow(magnitude, x)) {
            double w = StrictMath.exp(0.5 * Math.abs(x));
            double t = half * w;
            return t * w;
        }
        return x * 1.0e307;
    }

    /** {@link StrictMath#cosh(double)}, bit for bit. */
    public static double cosh(double x) {
        int magnitude = highWord(x) & 0x7fffffff;
        if (magnitude >= 0x7ff00000) {
            return x * x;
        }
        if (magnitude < 0x3fd62e43) {
            double t = expm1(Math.abs(x));
            double w = 1.0 + t;
            if (magnitude < 0x3c800000) {
                return w;
            }
            return 1.0 + (t * t) / (w + w);
        }
        if (magnitude < 0x40360000) {
            double t = StrictMath.exp(Math.abs(x));
            return 0.5 * t + 0.5 / t;
        }
        if (magnitude < 0x40862E42) {
            return 0.5 * StrictMath.exp(Math.abs(x));
        }
        if (belowOverflow(magnitude, x)) {
            double w = StrictMath.exp(0.5 * Math.abs(x));
            double t = 0.5 * w;
            return t * w;
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Whether |x| ≥ ln(Double.MAX_VALUE) is still below the threshold where sinh and cosh overflow. */
    private static boolean belowOverflow(int magnitude, double x) {
        return magnitude < 0x408633CE
                || magnitude == 0x408633CE && Integer.compareUnsigned(lowWord(x), 0x8fb9f87d) <= 0;
    }

    /** {@link StrictMath#expm1(double)}, bit for bit. */
    public static double expm1(double x) {
        int high = highWord(x);
        boolean negative = high < 0;
        int magnitude = high & 0x7fffffff;
        if (magnitude >= 0x4043687A) {
            if (magnitude >= 0x40862E42) {
                if (magnitude >= 0x7ff00000) {
                    if (((magnitude & 0xfffff) | lowWord(x)) != 0) {
                        return x + x;
                    }
                    return negative ? -1.0 : x;
                }
                if (x > EXPM1_OVERFLOW) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            if (negative) {
                return -1.0;
            }
        }
        int k;
        double correction;
        if (magnitude > 0x3fd62e42) {
            double hi;
            double lo;
            if (magnitude < 0x3FF0A2B2) {
                k = negative ? -1 : 1;
                hi = negative ? x + LN2_HI : x - LN2_HI;
                lo = negative ? -LN2_LO : LN2_LO;
            } else {
                k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
            correction = (hi - x) - lo;
        } else if (magnitude < 0x3c900000) {
            return x;
        } else {
            k = 0;
            correction = 0.0;
        }
        double halfX = 0.5 * x;
        double halfSquare = x * halfX;
        double r1 = 1.0 + halfSquare * (Q1 + halfSquare * (Q2 + halfSquare * (Q3 + halfSquare
                * (Q4 + halfSquare * Q5))));
        double t = 3.0 - r1 * halfX;
        double e = halfSquare * ((r1 - t) / (6.0 - x * t));
        if (k == 0) {
            return x - (x * e - halfSquare);
        }
        e = x * (e - correction) - correction;
        e -= halfSquare;
        if (k == -1) {
            return 0.5 * (x - e) - 0.5;
        }
        if (k == 1) {
            return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
        }
        if (k <= -2 || k > 56) {
            return scaleByTwoTo(1.0 - (e - x), k) - 1.0;
        }
        if (k < 20) {
            double oneMinusUlp = withHighWord(0x3ff00000 - (0x200000 >> k));
            return scaleByTwoTo(oneMinusUlp - (e - x), k);
        }
        double y = x - (e + withHighWord((0x3ff - k) << 20));
        return scaleByTwoTo(y + 1.0, k);
    }

    /** {@link StrictMath#log1p(double)}, bit for bit. */
    public static double log1p(double x) {
        int high = highWord(x);
        int magnitude = high & 0x7fffffff;
        int k = 1;
        double f = 0.0;
        int hu = 0;
        double c = 0.0;
        if (high < 0x3FDA827A) {
            if (magnitude >= 0x3ff00000) {
                return x == -1.0 ? Double.NEGATIVE_INFINITY : (x - x) / (x - x);
            }
            if (magnitude < 0x3e200000) {
                if (magnitude < 0x3c900000) {
                    return x;
                }
                return x - x * x * 0.5;
            }
            if (high > 0 || high <= 0xbfd2bec3) {
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (high >= 0x7ff00000) {
            return x + x;
        }
        if (k != 0) {
            double u;
            if (high < 0x43400000) {
                u = 1.0 + x;
                hu = highWord(u);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
                c /= u;
            } else {
                u = x;
                hu = highWord(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e) {
                u = withHighWord(u, hu | 0x3ff00000);
            } else {
                k += 1;
                u = withHighWord(u, hu | 0x3fe00000);
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) {
            if (f == 0.0) {
                return k == 0 ? 0.0 : k * LN2_HI + (c + k * LN2_LO);
            }
            double r = hfsq * (1.0 - 0.66666666666666666 * f);
            return k == 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
        if (k == 0) {
            return f - (hfsq - s * (hfsq + r));
        }
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }

    private static int highWord(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static int lowWord(double x) {
        return (int) Double.doubleToRawLongBits(x);
    }

    /** The double whose high word is {@code high} and whose low word is 0. */
    private static double withHighWord(int high) {
        return Double.longBitsToDouble((long) high << 32);
    }

    /** x with its high word replaced by {@code high}. */
    private static double withHighWord(double x, int high) {
        return Double.longBitsToDouble((long) high << 32 | Double.doubleToRawLongBits(x) & 0xffffffffL);
    }

    /** y·2ᵏ by adding k to its exponent field, for a normal y whose result stays normal. */
    private static double scaleByTwoTo(double y, int k) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(y) + ((long) k << 52));
    }
}
