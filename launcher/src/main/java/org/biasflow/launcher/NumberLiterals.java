package org.biasflow.launcher;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gogo reads a bare word that parses as a double as a number, so {@code --eps 1e-10000} would reach a command as
 * 0.0. Before a command line is executed, bare decimal literals outside the double range are quoted, which keeps
 * them as the text the user wrote; everything else is left as it is.
 */
final class NumberLiterals {

    /** A bare word: a run of characters outside quotes and outside Gogo's separators. */
    private static final Pattern WORD = Pattern.compile("'[^']*'|\"(?:\\\\.|[^\"\\\\])*\"|[^\\s;|{}()\\[\\]'\"]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private NumberLiterals() {
    }

    static String protect(String line) {
        StringBuilder out = new StringBuilder();
        Matcher word = WORD.matcher(line);
        int last = 0;
        while (word.find()) {
            out.append(line, last, word.start());
            String text = word.group();
            out.append(isOutsideDoubleRange(text) ? "'" + text + "'" : text);
            last = word.end();
        }
        return out.append(line.substring(last)).toString();
    }

    private static boolean isOutsideDoubleRange(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return false;
        }
        double parsed = Double.parseDouble(text);
        return Double.isInfinite(parsed) || (parsed == 0 && new BigDecimal(text).signum() != 0);
    }
}
