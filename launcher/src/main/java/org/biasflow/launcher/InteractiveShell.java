package org.biasflow.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.util.regex.Pattern;

/**
 * The prompt: reads statements from the terminal and runs them in one Gogo session, printing each value or
 * error. It is the launcher's rather than the Gogo shell bundle's console so that every mode reads command lines
 * the same way (see {@link NumberLiterals}).
 *
 * <p>Ctrl-C cancels the command that is running (its threads are interrupted, which runs and sweeps take as a
 * request to stop and record why) and returns to the prompt; a second Ctrl-C while it is still being cancelled
 * leaves biasflow. At the prompt, Ctrl-C drops the line being typed.
 */
final class InteractiveShell {
    private static final Pattern EXIT = Pattern.compile("exit(\\s+\\d+)?");
    private static final String PROMPT = "g! ";

    private InteractiveShell() {
    }

    static void run(GogoSession session, BufferedReader in, Prompt prompt) throws IOException {
        PrintStream out = prompt.out();
        out.println("biasflow: Gogo shell. Try bf:services or help bf:run; leave with exit or Ctrl-D.");
        ScriptStatements.Scanner scanner = new ScriptStatements.Scanner();
        CtrlC ctrlC = new CtrlC(session, prompt);
        Object previous = ctrlC.install();
        try {
            out.print(PROMPT);
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (ctrlC.takeDiscard()) {
                    scanner.take();
                }
                if (scanner.feed(line)) {
                    String statement = scanner.take();
                    if (EXIT.matcher(statement).matches()) {
                        return;
                    }
                    ctrlC.running(statement);
                    try {
                        prompt.execute(session, statement);
                    } finally {
                        ctrlC.finished();
                    }
                }
                out.print(scanner.isEmpty() ? PROMPT : "> ");
                out.flush();
            }
            out.println();
        } finally {
            ctrlC.restore(previous);
        }
    }

    /** What Ctrl-C (SIGINT) does while the prompt is up. */
    static final class CtrlC {
        private final GogoSession session;
        private final Prompt prompt;
        private volatile String running;
        private volatile boolean cancelling;
        private volatile Object interruptedJob;
        private volatile boolean discard;

        CtrlC(GogoSession session, Prompt prompt) {
            this.session = session;
            this.prompt = prompt;
        }

        void running(String statement) {
            cancelling = false;
            running = statement;
        }

        /** After a statement: when it was cancelled, waits (a while) until its threads have wound down. */
        void finished() {
            running = null;
            Object job = interruptedJob;
            interruptedJob = null;
            if (job != null) {
                session.awaitDone(job, 30_000);
            }
            Thread.interrupted();
        }

        boolean takeDiscard() {
            boolean was = discard;
            discard = false;
            return was;
        }

        void interrupted() {
            String command = running;
            if (command == null) {
                discard = true;
                prompt.out().print("\n" + PROMPT);
                prompt.out().flush();
                return;
            }
            if (cancelling) {
                prompt.err().println();
                prompt.diagnostics().note("leaving (Ctrl-C twice)");
                // exit runs the shutdown hook, which stops the framework: running work is cancelled properly
                new Thread(() -> System.exit(130), "biasflow-exit").start();
                return;
            }
            cancelling = true;
            prompt.err().println();
            String shown = command.length() > 60 ? command.substring(0, 57) + "..." : command;
            prompt.diagnostics().note("cancelling " + shown + " (Ctrl-C again leaves biasflow)");
            interruptedJob = session.interruptForeground();
        }

        /**
         * Puts this handler in place of the JVM's (which would end the program); {@code null} when signals cannot be
         * handled here (then Ctrl-C ends biasflow, stopping the framework properly).
         */
        Object install() {
            try {
                Class<?> signalType = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] { handlerType },
                        (proxy, method, args) -> switch (method.getName()) {
                            case "handle" -> {
                                interrupted();
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "biasflow Ctrl-C handler";
                        });
                return signalType.getMethod("handle", signalType, handlerType).invoke(null, interrupt(signalType),
                        handler);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                prompt.diagnostics().detail("Ctrl-C will end biasflow: " + Diagnostics.describe(e));
                return null;
            }
        }

        void restore(Object previous) {
            if (previous == null) {
                return;
            }
            try {
                Class<?> signalType = Class.forName("sun.misc.Signal");
                Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
                signalType.getMethod("handle", signalType, handlerType).invoke(null, interrupt(signalType), previous);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // the program is ending anyway
            }
        }

        private static Object interrupt(Class<?> signalType) throws ReflectiveOperationException {
            return signalType.getConstructor(String.class).newInstance("INT");
        }
    }
}
