package org.biasflow.launcher;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        LaunchOptions options;
        List<String> sources;
        try {
            options = LaunchOptions.parse(args);
            sources = sources(options);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try (EmbeddedFramework framework = EmbeddedFramework.start(options.loadDirectory())) {
            // Ctrl-C stops the framework properly: running work is cancelled and keeps what it finished.
            Runtime.getRuntime().addShutdownHook(new Thread(framework::close, "biasflow-shutdown"));
            if (sources == null) {
                return interact(framework);
            }
            return execute(framework, sources);
        } catch (IllegalStateException e) {
            System.err.println("biasflow: " + e.getMessage());
            return 1;
        }
    }

    /** What to run without a prompt, or {@code null} for the interactive shell. */
    private static List<String> sources(LaunchOptions options) throws IOException {
        List<String> sources = new ArrayList<>(options.commands());
        if (options.script() != null) {
            if (!Files.isRegularFile(options.script())) {
                throw new IllegalArgumentException("script " + options.script() + " does not exist");
            }
            sources.addAll(ScriptStatements.of(Files.readString(options.script())));
        }
        if (sources.isEmpty() && !options.interactive()) {
            // No terminal: stdin is a script (a pipe, or closed), read to its end so nothing waits for input.
            sources.addAll(ScriptStatements.of(new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
            if (sources.isEmpty()) {
                sources.add("");
            }
        }
        return sources.isEmpty() ? null : sources;
    }

    // Commands write through the session; the real descriptors avoid Gogo's own redirection of System.out.
    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);
    private static final PrintStream ERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    private static int interact(EmbeddedFramework framework) {
        BufferedReader terminal = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (GogoSession session = framework.session(System.in, OUT, ERR)) {
            InteractiveShell.run(session, terminal, OUT, ERR);
            return 0;
        } catch (IOException e) {
            ERR.println("biasflow: cannot read the terminal: " + e.getMessage());
            return 1;
        }
    }

    private static int execute(EmbeddedFramework framework, List<String> sources) {
        InputStream noInput = new ByteArrayInputStream(new byte[0]);
        try (GogoSession session = framework.session(noInput, OUT, ERR)) {
            for (String source : sources) {
                if (!source.isBlank() && !InteractiveShell.execute(session, source, OUT, ERR)) {
                    return 1;
                }
            }
            return 0;
        }
    }
}
