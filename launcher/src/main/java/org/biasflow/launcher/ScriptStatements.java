package org.biasflow.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Cuts a Gogo script into its top-level statements, so that each statement's value can be printed as the
 * interactive shell would print it. A statement ends at a newline outside quotes and brackets, and not after a
 * backslash; comment lines ({@code #} or {@code //}) are dropped.
 */
final class ScriptStatements {

    private ScriptStatements() {
    }

    static List<String> of(String script) {
        List<String> statements = new ArrayList<>();
        Scanner scanner = new Scanner();
        for (String line : script.split("\r?\n", -1)) {
            if (scanner.feed(line)) {
                statements.add(scanner.take());
            }
        }
        if (!scanner.isEmpty()) {
            statements.add(scanner.take());
        }
        return statements;
    }

    /**
     * Walks {@code line} as Gogo reads its quotes (inside them a backslash escapes the next character), handing
     * {@code unquoted} the index of each character outside them, the quotes themselves excepted.
     *
     * @param open the quote open where the line starts, 0 for none
     * @return the quote still open where the line ends, 0 for none
     */
    static char outsideQuotes(String line, char open, IntConsumer unquoted) {
        char quote = open;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else {
                unquoted.accept(i);
            }
        }
        return quote;
    }

    /** Reads lines one at a time and says when they make up a whole statement. */
    static final class Scanner {
        private final StringBuilder current = new StringBuilder();
        private int depth;
        private char quote;

        /** Adds a line; true when the statement is complete (then {@link #take} it). */
        boolean feed(String line) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//"))) {
                return false;
            }
            quote = outsideQuotes(line, quote, i -> {
                char c = line.charAt(i);
                if (c == '{' || c == '(' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ')' || c == ']') {
                    depth--;
                }
            });
            boolean continued = trimmed.endsWith("\\");
            current.append(continued ? line.substring(0, line.lastIndexOf('\\')) : line).append('\n');
            return depth <= 0 && quote == 0 && !continued;
        }

        boolean isEmpty() {
            return current.toString().isBlank();
        }

        String take() {
            String statement = current.toString().strip();
            current.setLength(0);
            depth = 0;
            quote = 0;
            return statement;
        }
    }
}
