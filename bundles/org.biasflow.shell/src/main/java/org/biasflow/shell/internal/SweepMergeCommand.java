package org.biasflow.shell.internal;

import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code bf:sweep-merge --out DIR}. Gogo maps a command name to a Java method of the same name, and no method can be
 * called {@code sweep-merge}; a command registered as a {@link Function} is called with its arguments as they are.
 */
@Component(service = Function.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=sweep-merge" })
public class SweepMergeCommand implements Function {

    static final String HELP = """
            bf:sweep-merge --out DIR
               write DIR/sweep.csv from the trajectories that the shards of a sweep (bf:sweep --shard i/n) recorded in
               DIR: the same bytes one process running the whole sweep writes. Refused while a shard still runs there,
               or when trajectories are missing (each named, with the shard that runs it); it fails (exit code
               non-zero) when any trajectory did not complete, with a count per status.
            """;

    @Reference
    SweepRunner sweeps;

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        List<String> words = arguments.stream().map(String::valueOf).toList();
        if (words.contains("--help") || words.contains("-h")) {
            return HELP;
        }
        if (words.size() != 2 || !words.get(0).equals("--out")) {
            throw new IllegalArgumentException("usage: bf:sweep-merge --out DIR (got: " + String.join(" ", words)
                    + ")\n" + HELP.stripTrailing());
        }
        SweepOutcome outcome = sweeps.merge(Path.of(words.get(1)));
        String summary = "merged: " + SweepCommands.summary(outcome, null);
        if (!outcome.allCompleted()) {
            throw new IllegalStateException(summary.stripTrailing());
        }
        return summary;
    }
}
