package org.biasflow.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Runs statements as every mode does (the prompt, {@code -c}, scripts, stdin): literals protected, the value printed
 * on stdout, or the failure as one line on stderr naming its cause, with the stack trace only under
 * {@code --debug}. Running out of memory or stack is reported like any failure, with what to do about it.
 */
final class Prompt {
    private final EmbeddedFramework framework;
    private final PrintStream out;
    private final PrintStream err;
    private final Diagnostics diagnostics;

    Prompt(EmbeddedFramework framework, PrintStream out, PrintStream err, Diagnostics diagnostics) {
        this.framework = framework;
        this.out = out;
        this.err = err;
        this.diagnostics = diagnostics;
    }

    GogoSession session(InputStream in) {
        return framework.session(in, out, err);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * Runs one statement.
     *
     * @return whether it succeeded
     */
    boolean execute(GogoSession session, String statement) {
        try {
            String printed = session.execute(NumberLiterals.protect(statement));
            if (!printed.isEmpty()) {
                out.print(printed.endsWith("\n") ? printed : printed + "\n");
            }
            return true;
        } catch (Exception | Error e) {
            out.flush();
            err.println("Error: " + describe(statement, e));
            diagnostics.trace(e);
            return false;
        }
    }

    /** How a command the program's stop cut short ended: its own failure then is only a consequence. */
    private static final String STOPPING = "cancelled: the program is stopping (Ctrl-C, SIGINT, SIGTERM or SIGHUP)";

    /** Gogo's answer to a command no service offers, followed by the name as typed. */
    private static final String COMMAND_NOT_FOUND = "Command not found: ";

    /**
     * The failure's message (see {@link Diagnostics#describe}); for Gogo's "Cannot coerce f(Token, …)", which names
     * neither the option nor the value, first what does not fit ({@link CommandOptions}); for a command not found, the
     * nearest one; while the program stops, first that.
     */
    String describe(String statement, Throwable e) {
        Throwable cause = Diagnostics.unwrap(e);
        boolean stopping = framework.stopping();
        if (cause instanceof InterruptedException) {
            return stopping ? STOPPING : "cancelled";
        }
        String message = Diagnostics.describe(e, framework::bundleOf);
        if (stopping && !message.startsWith("cancelled")) {
            // what failed is a consequence of the stop, such as a service that has already left
            return STOPPING + ", and " + commandOf(statement) + " ended with: " + message;
        }
        // Gogo's answers when no method of the command takes the arguments, and when a number does not fit its type
        if (message.startsWith("Cannot coerce ") || message.equals("argument type mismatch")) {
            String command = commandOf(statement);
            Map<String, CommandOptions.Option> options = CommandOptions.of(framework.context(), command);
            String misfits = CommandOptions.misfits(statement, command, options);
            String why = misfits != null ? misfits
                    : options.isEmpty() ? "an option is unknown, or a value is not a number where one is expected"
                    : "a value is not a number where one is expected, or an option lacks its value";
            message = "the arguments do not fit " + command + ": " + why + "; 'help " + command + "' lists the options"
                    + (misfits != null ? "" : " (Gogo: " + message + ")");
        }
        if (message.startsWith(COMMAND_NOT_FOUND)) {
            String nearest = CommandOptions.nearest(message.substring(COMMAND_NOT_FOUND.length()).trim(),
                    CommandOptions.commands(framework.context()));
            message += nearest == null ? "; 'help' lists the commands" : " (did you mean " + nearest + "?)";
        }
        return hasPipeInsideAWord(statement) ? "'|' is Gogo's pipe, which split this line in two: quote a value that"
                + " holds it, as in --options 'width=10|20' (the line failed with: " + message + ")" : message;
    }

    private static String commandOf(String statement) {
        return statement.trim().split("\\s+", 2)[0];
    }

    /**
     * Whether an unquoted {@code |} stands between two characters that are not spaces, as in {@code width=10|20}:
     * meant as a value's alternatives (a sweep's options), but Gogo takes it for a pipe, and the halves fail with
     * messages that do not say why.
     */
    static boolean hasPipeInsideAWord(String statement) {
        boolean[] found = {false};
        ScriptStatements.outsideQuotes(statement, (char) 0, i -> found[0] |= statement.charAt(i) == '|' && i > 0
                && i + 1 < statement.length() && !Character.isWhitespace(statement.charAt(i - 1))
                && statement.charAt(i - 1) != '|' && !Character.isWhitespace(statement.charAt(i + 1))
                && statement.charAt(i + 1) != '|');
        return found[0];
    }
}
