package org.biasflow.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gogo reads a bare word that parses as a double as a number, so {@code --eps 1e-10000} would reach a command as
 * 0.0, and {@code --eps 1e-10} as the text 1.0E-10. Before a command line is executed, bare decimal literals that
 * a double would not print back as written are quoted, which keeps them as the text the user wrote; commands
 * taking numbers convert the quoted text as they would the number. Integers and everything else are left as they
 * are.
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
            out.append(isRewrittenByGogo(text) ? "'" + text + "'" : text);
            last = word.end();
        }
        return out.append(line.substring(last)).toString();
    }

    /** A decimal with a fraction or an exponent whose double prints otherwise, or is not its value at all. */
    private static boolean isRewrittenByGogo(String text) {
        Matcher decimal = DECIMAL.matcher(text);
        if (!decimal.matches() || !text.contains(".") && decimal.group(2) == null) {
            return false;
        }
        return !Double.toString(Double.parseDouble(text)).equals(text);
    }
}
