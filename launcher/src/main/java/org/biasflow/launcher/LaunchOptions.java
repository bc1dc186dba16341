package org.biasflow.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code [--load DIR] [-c COMMAND]... [FILE.gosh]}.
 *
 * @param commands Gogo command lines to run in order, from {@code -c}
 * @param script a Gogo script file to run, or {@code null}
 * @param loadDirectory the drop-in folder watched for bundles and configuration files
 */
record LaunchOptions(List<String> commands, Path script, Path loadDirectory) {

    static final String USAGE = """
            usage: java -jar biasflow.jar [--load DIR] [-c COMMAND]... [FILE.gosh]
              (no command)   interactive Gogo shell; with a pipe instead of a terminal, stdin is run as a script
              -c COMMAND     run a Gogo command line (repeatable), print its result, exit
              FILE.gosh      run a Gogo script, exit
              --load DIR     drop-in folder for bundles and .cfg/.config files (default: load)
            The exit status is 0 when every command succeeded.""";

    static LaunchOptions parse(String... args) {
        List<String> commands = new ArrayList<>();
        Path script = null;
        Path load = Path.of("load");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--command" -> commands.add(valueOf(args, ++i, "-c"));
                case "--load" -> load = Path.of(valueOf(args, ++i, "--load"));
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (args[i].startsWith("-") || script != null) {
                        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'\n" + USAGE);
                    }
                    script = Path.of(args[i]);
                }
            }
        }
        return new LaunchOptions(List.copyOf(commands), script, load);
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    boolean interactive() {
        return commands.isEmpty() && script == null && System.console() != null;
    }
}
