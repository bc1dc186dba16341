package org.biasflow.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code [--load DIR] [--debug] [-c COMMAND]... [FILE.gosh]}.
 *
 * @param commands Gogo command lines to run in order, from {@code -c}
 * @param script a Gogo script file to run, or {@code null}
 * @param loadDirectory the drop-in folder watched for bundles and configuration files
 * @param loadGiven whether the drop-in folder was named with {@code --load} (then it must be usable)
 * @param debug whether stack traces and the launcher's decisions are printed
 */
record LaunchOptions(List<String> commands, Path script, Path loadDirectory, boolean loadGiven, boolean debug) {

    static final String USAGE = """
            usage: java -jar biasflow.jar [--load DIR] [--debug] [-c COMMAND]... [FILE.gosh]
              (no command)   interactive Gogo shell; with a pipe instead of a terminal, stdin is run as a script
              -c COMMAND     run a Gogo command line (repeatable), print its result, exit
              FILE.gosh      run a Gogo script, exit
              --load DIR     drop-in folder for bundles and .cfg/.config files (default: load, done without
                             when it cannot be created)
              --debug        print stack traces with errors, and where the bundle cache is
            The exit status is 0 when every command succeeded.""";

    static LaunchOptions parse(String... args) {
        List<String> commands = new ArrayList<>();
        Path script = null;
        Path load = Path.of("load");
        boolean loadGiven = false;
        boolean debug = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--command" -> commands.add(valueOf(args, ++i, "-c"));
                case "--load" -> {
                    load = path(valueOf(args, ++i, "--load"), "--load");
                    loadGiven = true;
                }
                case "--debug" -> debug = true;
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (args[i].startsWith("-") || script != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + USAGE);
                    }
                    script = path(args[i], "the script");
                }
            }
        }
        return new LaunchOptions(List.copyOf(commands), script, load, loadGiven, debug);
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static Path path(String text, String what) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " needs a path, not an empty word");
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a valid path (" + e.getReason() + ")");
        }
    }

    boolean interactive() {
        return commands.isEmpty() && script == null && System.console() != null;
    }
}
