package org.biasflow.launcher;

import java.util.ArrayList;
import java.util.List;

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
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (String line : script.split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//"))) {
                continue;
            }
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
                } else if (c == '{' || c == '(' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ')' || c == ']') {
                    depth--;
                }
            }
            boolean continued = trimmed.endsWith("\\");
            current.append(continued ? line.substring(0, line.lastIndexOf('\\')) : line).append('\n');
            if (depth <= 0 && quote == 0 && !continued) {
                statements.add(current.toString().strip());
                current.setLength(0);
                depth = 0;
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
