package org.biasflow.data;

/**
 * Text of commands that messages suggest, written so that it works when pasted into the Gogo shell: a folder named
 * {@code my runs/α 1} must come back as one argument, not three.
 */
public final class ShellText {
    private static final String PLAIN = "_-./:@%+,~=";

    private ShellText() {
    }

    /**
     * The value as one argument of a shell command: as it is when it holds only letters, digits and {@value #PLAIN},
     * otherwise in single quotes, which the shell takes literally; a value that holds a single quote itself goes in
     * double quotes, with {@code \}, {@code "} and {@code $} escaped.
     */
    public static String argument(Object value) {
        String text = String.valueOf(value);
        boolean plain = !text.isEmpty()
                && text.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || PLAIN.indexOf(c) >= 0);
        if (plain) {
            return text;
        }
        if (text.indexOf('\'') < 0) {
            return "'" + text + "'";
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
    }
}
