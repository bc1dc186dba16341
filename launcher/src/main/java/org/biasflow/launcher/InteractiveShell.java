package org.biasflow.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.regex.Pattern;

/**
 * The prompt: reads statements from the terminal and runs them in one Gogo session, printing each value or
 * error. It is the launcher's rather than the Gogo shell bundle's console so that every mode reads command lines
 * the same way (see {@link NumberLiterals}).
 */
final class InteractiveShell {
    private static final Pattern EXIT = Pattern.compile("exit(\\s+\\d+)?");

    private InteractiveShell() {
    }

    static void run(GogoSession session, BufferedReader in, PrintStream out, PrintStream err) throws IOException {
        out.println("biasflow: Gogo shell. Try bf:services or help bf:run; leave with exit or Ctrl-D.");
        ScriptStatements.Scanner scanner = new ScriptStatements.Scanner();
        out.print("g! ");
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (scanner.feed(line)) {
                String statement = scanner.take();
                if (EXIT.matcher(statement).matches()) {
                    return;
                }
                execute(session, statement, out, err);
            }
            out.print(scanner.isEmpty() ? "g! " : "> ");
            out.flush();
        }
        out.println();
    }

    /**
     * Runs one statement as every mode does: literals protected, its value printed on {@code out}, or its error on
     * {@code err}.
     *
     * @return whether it succeeded
     */
    static boolean execute(GogoSession session, String statement, PrintStream out, PrintStream err) {
        try {
            String printed = session.execute(NumberLiterals.protect(statement));
            if (!printed.isEmpty()) {
                out.print(printed.endsWith("\n") ? printed : printed + "\n");
            }
            return true;
        } catch (Exception e) {
            out.flush();
            err.println("Error: " + describe(statement, e));
            return false;
        }
    }

    /**
     * The error's message; for Gogo's "Cannot coerce f(Token, …)", which names neither the option nor the value,
     * first what it means for a command line.
     */
    static String describe(String statement, Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!message.startsWith("Cannot coerce ")) {
            return message;
        }
        String command = statement.trim().split("\\s+", 2)[0];
        return "the arguments do not fit " + command + ": an option is unknown, or a value is not a number where"
                + " one is expected; 'help " + command + "' lists the options (Gogo: " + message + ")";
    }
}
