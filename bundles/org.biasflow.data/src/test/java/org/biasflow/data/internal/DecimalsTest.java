package org.biasflow.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Double#parseDouble} is the reference: every value must agree with it bit for bit. */
class DecimalsTest {

    private static void assertReadAsParseDouble(String text) {
        double expected = Double.parseDouble(text);
        double read = Decimals.parse(text, 0, text.length());
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(read),
                () -> text + " read as " + read + ", parseDouble gives " + expected);
    }

    @Test
    void doublesWrittenByToStringReadBack() {
        Random random = new Random(1);
        for (int k = 0; k < 100_000; k++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                assertReadAsParseDouble(Double.toString(value));
            }
            assertReadAsParseDouble(Double.toString(random.nextGaussian()));
        }
    }

    @Test
    void randomDecimalsOfUpTo19DigitsOverTheWholeExponentRange() {
        Random random = new Random(2);
        for (int k = 0; k < 100_000; k++) {
            int digits = 1 + random.nextInt(19);
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            for (int i = 0; i < digits; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            text.insert(text.length() - random.nextInt(digits), '.');
            assertReadAsParseDouble(text.append('e').append(random.nextInt(700) - 360).toString());
        }
    }

    /** Decimals at or next to the midpoint of two doubles, where a 128-bit approximation must round exactly. */
    @Test
    void halfwayCasesRoundToEven() {
        Random random = new Random(3);
        for (int k = 0; k < 20_000; k++) {
            // odd integers between 2^53 and 2^54 lie halfway between two doubles
            long odd = (1L << 53) + 2 * random.nextLong(1L << 52) + 1;
            assertReadAsParseDouble(Long.toString(odd));
            assertReadAsParseDouble(odd + "e" + (random.nextInt(40) - 20));
            double value = Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL);
            BigDecimal midpoint = new BigDecimal(value).add(new BigDecimal(Math.nextUp(value)))
                    .divide(BigDecimal.valueOf(2));
            assertReadAsParseDouble(midpoint.round(new MathContext(17 + random.nextInt(3))).toString());
            assertReadAsParseDouble(midpoint.toString());
        }
    }

    @Test
    void subnormalsAndTheEdgesOfTheRange() {
        Random random = new Random(4);
        for (int k = 0; k < 20_000; k++) {
            double subnormal = Double.longBitsToDouble(random.nextLong() & 0x000F_FFFF_FFFF_FFFFL);
            assertReadAsParseDouble(Double.toString(subnormal));
            BigDecimal midpoint = new BigDecimal(subnormal).add(new BigDecimal(Math.nextUp(subnormal)))
                    .divide(BigDecimal.valueOf(2));
            assertReadAsParseDouble(midpoint.round(new MathContext(19)).toString());
        }
        for (String text : new String[] {"0", "-0", "0.0", "00000.00000e5", "1e23", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.7976931348623159e308", "4.9e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072012e-308", "9007199254740993",
            "1e-400", "1e400", "-1e400", ".5", "5.", "+.5e-3", "1E5", "7.2057594037927933e16"}) {
            assertReadAsParseDouble(text);
        }
    }

    /** More than 19 significant digits, or an exponent of more than six digits, go to parseDouble itself. */
    @Test
    void longSignificandsAndExponentsAreReadExactly() {
        for (String text : new String[] {"123456789012345678901234567890", "0.000000000000000000000000000001",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "1e0000001", "1e1000000", "1e-1000000",
            "0.0000000000000000000000000000000000000000001e43"}) {
            assertReadAsParseDouble(text);
        }
    }

    @Test
    void aFieldIsReadWhereItLiesInTheLine() {
        String line = "1,-0.25,3e2";
        assertEquals(-0.25, Decimals.parse(line, 2, 7));
        assertEquals(300, Decimals.parse(line, 8, line.length()));
        assertTrue(Double.isNaN(Decimals.parse(line, 0, line.length())));
    }
}
