package org.biasflow.data.internal;

import java.math.BigInteger;

/**
 * Reads decimal numbers, [+-]?(digits[.digits] | .digits)([eE][+-]?digits)?, into the nearest double, as
 * {@link Double#parseDouble} does, bit for bit. Data files hold numbers as {@link Double#toString} writes them, 17
 * significant digits, and for those {@code parseDouble} takes its exact big-integer path: at N = 1000, d = 10000
 * that was most of reading a file. Here the Eisel–Lemire algorithm (D. Lemire, "Number parsing at a gigabyte per
 * second", 2021, sections 5 and 6) rounds w·10^q from a 128-bit approximation of 5^q, and hands the rare inputs it
 * cannot round with certainty, or whose significand has more than 19 digits, to {@code parseDouble}.
 */
final class Decimals {

    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    private static final int MANTISSA_BITS = 52;
    private static final int MINIMUM_EXPONENT = -1023;
    private static final int INFINITE_POWER = 0x7FF;
    private static final int MOST_SIGNIFICANT_DIGITS = 19;
    /** Exponents beyond this many digits put the value far outside the double range, or need parseDouble. */
    private static final int EXPONENT_DIGITS = 6;

    /**
     * 5^q for q from {@value #SMALLEST_POWER} to {@value #LARGEST_POWER}, normalized to 128 bits (high word first):
     * truncated for q ≥ 0; for q &lt; 0, 2^b/5^−q rounded down plus one, truncated (the paper's table).
     */
    private static final long[] POWERS_OF_FIVE = powersOfFive();

    private Decimals() {
    }

    /**
     * The double nearest the decimal {@code text[from, to)}, or NaN when that text is not a decimal number (it may
     * also be ±infinity when the decimal is beyond the double range).
     */
    static double parse(String text, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long significand = 0;
        int significantDigits = 0;
        int start = i;
        for (; i < to && isDigit(text.charAt(i)); i++) {
            significand = append(significand, text.charAt(i));
            significantDigits += significantDigits > 0 || text.charAt(i) != '0' ? 1 : 0;
        }
        int integerDigits = i - start;
        int fractionDigits = 0;
        if (i < to && text.charAt(i) == '.') {
            int fraction = ++i;
            for (; i < to && isDigit(text.charAt(i)); i++) {
                significand = append(significand, text.charAt(i));
                significantDigits += significantDigits > 0 || text.charAt(i) != '0' ? 1 : 0;
            }
            fractionDigits = i - fraction;
        }
        if (integerDigits == 0 && fractionDigits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        boolean exponentInRange = true;
        if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                negativeExponent = text.charAt(i) == '-';
                i++;
            }
            int exponentStart = i;
            for (; i < to && isDigit(text.charAt(i)); i++) {
                if (i - exponentStart < EXPONENT_DIGITS) {
                    exponent = 10 * exponent + (text.charAt(i) - '0');
                } else if (text.charAt(i) != '0' || exponent != 0) {
                    exponentInRange = false;
                }
            }
            if (i == exponentStart) {
                return Double.NaN;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (significantDigits > MOST_SIGNIFICANT_DIGITS || !exponentInRange) {
            return Double.parseDouble(text.substring(from, to));
        }
        double value = eiselLemire(significand, exponent - fractionDigits, negative);
        return Double.isNaN(value) ? Double.parseDouble(text.substring(from, to)) : value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Exact while the significant digits number at most 19; beyond that the caller does not use it. */
    private static long append(long significand, char digit) {
        return 10 * significand + (digit - '0');
    }

    /**
     * The double nearest w·10^q for an unsigned 64-bit w, or NaN when the 128-bit approximation cannot decide the
     * rounding.
     */
    static double eiselLemire(long w, int q, boolean negative) {
        long sign = negative ? Long.MIN_VALUE : 0;
        if (w == 0 || q < SMALLEST_POWER) {
            return Double.longBitsToDouble(sign);
        }
        if (q > LARGEST_POWER) {
            return Double.longBitsToDouble(sign | (long) INFINITE_POWER << MANTISSA_BITS);
        }
        int leadingZeros = Long.numberOfLeadingZeros(w);
        long normalized = w << leadingZeros;
        int index = 2 * (q - SMALLEST_POWER);
        long high = unsignedMultiplyHigh(normalized, POWERS_OF_FIVE[index]);
        long low = normalized * POWERS_OF_FIVE[index];
        // mantissa bits, the hidden bit, a rounding bit and a possible leading zero: 55 of the product's 64
        long lowBitsMask = -1L >>> (MANTISSA_BITS + 3);
        if ((high & lowBitsMask) == lowBitsMask) {
            long second = unsignedMultiplyHigh(normalized, POWERS_OF_FIVE[index + 1]);
            long sum = low + second;
            if (Long.compareUnsigned(second, sum) > 0) {
                high++;
            }
            low = sum;
        }
        if (low == -1L && (q < -27 || q > 55)) {
            return Double.NaN;
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 64 - MANTISSA_BITS - 3;
        long mantissa = high >>> shift;
        int power2 = binaryPower(q) + upperBit - leadingZeros - MINIMUM_EXPONENT;
        if (power2 <= 0) {
            if (-power2 + 1 >= 64) {
                return Double.longBitsToDouble(sign);
            }
            mantissa >>>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>>= 1;
            long exponentField = mantissa >= 1L << MANTISSA_BITS ? 1 : 0;
            return Double.longBitsToDouble(
                    sign | exponentField << MANTISSA_BITS | (mantissa & ((1L << MANTISSA_BITS) - 1)));
        }
        // Exactly halfway between two doubles only when 5^q is exact in 64 bits and every bit shifted out is zero:
        // then round to even, down when the kept bits are odd below the rounding bit.
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
                && mantissa << shift == high) {
            mantissa &= ~1L;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= 2L << MANTISSA_BITS) {
            mantissa = 1L << MANTISSA_BITS;
            power2++;
        }
        mantissa &= ~(1L << MANTISSA_BITS);
        if (power2 >= INFINITE_POWER) {
            return Double.longBitsToDouble(sign | (long) INFINITE_POWER << MANTISSA_BITS);
        }
        return Double.longBitsToDouble(sign | (long) power2 << MANTISSA_BITS | mantissa);
    }

    /** floor(q·log2(10)) + 63, with 217706/2^16 for log2(10): exact over the whole table. */
    private static int binaryPower(int q) {
        return ((q * (152_170 + 65_536)) >> 16) + 63;
    }

    /** Java 18 has Math.unsignedMultiplyHigh; this is its definition. */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static long[] powersOfFive() {
        BigInteger twoTo128 = BigInteger.ONE.shiftLeft(128);
        long[] table = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger value;
            if (q >= 0) {
                BigInteger power = BigInteger.valueOf(5).pow(q);
                int excess = power.bitLength() - 128;
                value = excess >= 0 ? power.shiftRight(excess) : power.shiftLeft(-excess);
            } else {
                BigInteger power = BigInteger.valueOf(5).pow(-q);
                int bits = power.bitLength();
                int b = q >= -27 ? bits + 127 : 2 * bits + 128;
                value = BigInteger.ONE.shiftLeft(b).divide(power).add(BigInteger.ONE);
                while (value.compareTo(twoTo128) >= 0) {
                    value = value.shiftRight(1);
                }
            }
            int index = 2 * (q - SMALLEST_POWER);
            table[index] = value.shiftRight(64).longValue();
            table[index + 1] = value.longValue();
        }
        return table;
    }
}
