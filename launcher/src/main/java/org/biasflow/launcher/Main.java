package org.biasflow.launcher;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar biasflow.jar}: starts the workbench and either hands the terminal to the Gogo shell or runs
 * the given commands and exits with 0 only when all of them succeeded.
 */
public final class Main {
    /** Commands write through the session; the real descriptors avoid Gogo's own redirection of System.out. */
    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        LaunchOptions options;
        List<String> sources;
        try {
            options = LaunchOptions.parse(args);
            sources = sources(options);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!options.debug()) {
            // Bundles, the framework and Declarative Services print stack traces on System.err (and Felix on
            // System.out): without --debug only the lines that name the exceptions reach the user.
            err = filtered(FileDescriptor.err);
            System.setErr(err);
            System.setOut(filtered(FileDescriptor.out));
        }
        Diagnostics diagnostics = new Diagnostics(err, options.debug());
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            diagnostics.note("thread " + thread.getName() + " failed: " + Diagnostics.describe(failure));
            diagnostics.trace(failure);
        });
        EmbeddedFramework framework;
        try {
            framework = EmbeddedFramework.start(options.loadDirectory(), options.loadGiven(), diagnostics);
        } catch (IllegalArgumentException e) {
            diagnostics.note(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            diagnostics.note(Diagnostics.describe(e));
            diagnostics.trace(e);
            return 1;
        }
        try (framework) {
            // Ctrl-C (outside the prompt) and SIGTERM stop the framework properly: running work is cancelled and
            // keeps what it finished.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                framework.close();
                UnfinishedWrites.stop();
            }, "biasflow-shutdown"));
            Prompt prompt = new Prompt(framework, OUT, err, diagnostics);
            if (sources == null) {
                return interact(prompt);
            }
            return execute(prompt, sources);
        }
    }

    private static PrintStream filtered(FileDescriptor descriptor) {
        OutputStream out = new StackTraceFilter(new FileOutputStream(descriptor));
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** What to run without a prompt, or {@code null} for the interactive shell. */
    private static List<String> sources(LaunchOptions options) {
        List<String> sources = new ArrayList<>(options.commands());
        if (options.script() != null) {
            try {
                if (Files.isDirectory(options.script())) {
                    throw new IllegalArgumentException("biasflow: script " + options.script() + " is a folder");
                }
                sources.addAll(ScriptStatements.of(Files.readString(options.script())));
            } catch (IOException e) {
                throw new IllegalArgumentException("biasflow: cannot read the script " + options.script() + ": "
                        + Diagnostics.reason(e));
            }
        }
        if (sources.isEmpty() && !options.interactive()) {
            // No terminal: stdin is a script (a pipe, or closed), read to its end so nothing waits for input.
            try {
                sources.addAll(ScriptStatements.of(new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalArgumentException("biasflow: cannot read commands from stdin: "
                        + Diagnostics.reason(e));
            }
            if (sources.isEmpty()) {
                sources.add("");
            }
        }
        return sources.isEmpty() ? null : sources;
    }

    private static int interact(Prompt prompt) {
        BufferedReader terminal = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (GogoSession session = prompt.session(System.in)) {
            InteractiveShell.run(session, terminal, prompt);
            return 0;
        } catch (IOException e) {
            prompt.diagnostics().note("cannot read the terminal: " + Diagnostics.reason(e));
            return 1;
        }
    }

    private static int execute(Prompt prompt, List<String> sources) {
        InputStream noInput = new ByteArrayInputStream(new byte[0]);
        try (GogoSession session = prompt.session(noInput)) {
            for (String source : sources) {
                if (!source.isBlank() && !prompt.execute(session, source)) {
                    return 1;
                }
            }
            return 0;
        }
    }
}
