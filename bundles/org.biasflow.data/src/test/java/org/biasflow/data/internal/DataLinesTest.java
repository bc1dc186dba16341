package org.biasflow.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DataLinesTest {
    /** The grammar of a decimal number, as the regular expression the reader used before. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    @Test
    void decimalsAreThoseOfTheGrammar() {
        String[] cases = {"", "+", "-", ".", "+.", "-.5", "5.", "05", "1e5", "1E+5", "1e-05", "1e", "1e+", ".e1",
            "1.5e3", "1.5.3", "1..5", "e5", "+-1", "1 ", " 1", "1,5", "١", "0x10", "1d", "1f", "NaN", "inf",
            "1e5.5", "12345678901234567890", ".0", "0.", "-0", "+0.0e-0"};
        for (String text : cases) {
            assertEquals(DECIMAL.matcher(text).matches(), DataLines.isDecimal(text), "'" + text + "'");
        }
        Random random = new Random(1);
        String alphabet = "0123456789+-.eE x";
        for (int k = 0; k < 200_000; k++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(7);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(DECIMAL.matcher(text).matches(), DataLines.isDecimal(text.toString()), "'" + text + "'");
        }
    }
}
