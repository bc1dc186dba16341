package org.biasflow.shell.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.biasflow.run.ClusterSweeps;
import org.biasflow.run.Shard;
import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.SweepRunner;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code bf:sweep} and {@code bf:cancel}: grids of trajectories, with a progress line, in one process or in shards
 * ({@code bf:sweep-merge}, whose name Gogo cannot map to a method, is {@link SweepMergeCommand}).
 */
@Component(service = SweepCommands.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=sweep",
        "osgi.command.function=cancel" })
public class SweepCommands {

    @Reference
    SweepRunner sweeps;

    @Reference
    TrajectoryRunner runner;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ClusterSweeps clusterSweeps;

    @Descriptor("run one trajectory per combination of the swept settings (alpha, depth, and --models, --seeds,"
            + " --shape, --negative-shape and listed --options values when given) in parallel and gather every"
            + " checkpoint into DIR/sweep.csv, with a column for each setting that takes several values;"
            + " DIR/sweep.json describes the grid and DIR/runs/ holds each trajectory's folder. The sweep locks DIR"
            + " while it runs. It fails (exit code non-zero) when any trajectory did not complete, with a count per"
            + " status")
    public String sweep(
            @Descriptor(Arguments.DATA_HELP)
            @Parameter(names = "--data", absentValue = "") String data,
            @Descriptor("initialization scales: " + Arguments.VALUES_HELP + "; a repeated value runs once"
                    + " (default 0.1,1,10)")
            @Parameter(names = "--alphas", absentValue = "0.1,1,10") String alphas,
            @Descriptor("depths, comma-separated; a repeated value runs once (default 2)")
            @Parameter(names = "--depths", absentValue = "2") String depths,
            @Descriptor("target losses: " + Arguments.TARGETS_HELP + " (default 1e-1:1e-10,1e-10:1e-10000:5)")
            @Parameter(names = "--eps", absentValue = "1e-1:1e-10,1e-10:1e-10000:5") String eps,
            @Descriptor("output folder; it must be new or empty, or given with --overwrite, --resume or --shard")
            @Parameter(names = "--out", absentValue = "") String out,
            @Descriptor("model service name (default diagonal)")
            @Parameter(names = "--model", absentValue = "") String model,
            @Descriptor("several model service names, comma-separated, instead of --model; each model takes the"
                    + " --options it declares (bf:services describes each model)")
            @Parameter(names = "--models", absentValue = "") String models,
            @Descriptor("seeds of models with a random initialization: comma-separated whole numbers or ranges A:B"
                    + " (A to B inclusive), e.g. 1,2 or 1:5 (default 0)")
            @Parameter(names = "--seeds", absentValue = "") String seeds,
            @Descriptor("initialization shapes u separated by |, each one value or one per feature (comma-separated),"
                    + " e.g. '1|2|1,0.5,0.5' (quote a list: | is the shell's pipe) (default 1)")
            @Parameter(names = "--shape", absentValue = "") String shape,
            @Descriptor("shapes of the negative weights for unbalanced initializations, separated by | as for --shape"
                    + " (default: balanced, w-(0) = w+(0))")
            @Parameter(names = "--negative-shape", absentValue = "") String negativeShape,
            @Descriptor("integrator and model options, comma-separated key=value pairs; a value may be a list"
                    + " separated by | to sweep it, e.g. 'width=10|20|50' (quoted), and several listed keys give"
                    + " every combination. Each model takes the options it declares; a key that no model, the"
                    + " integrator or the run engine reads is refused, naming the accepted ones")
            @Parameter(names = "--options", absentValue = "") String options,
            @Descriptor("loss service name (default exponential)")
            @Parameter(names = "--loss", absentValue = "exponential") String loss,
            @Descriptor("integrator service name (default: the configured one)")
            @Parameter(names = "--integrator", absentValue = "") String integrator,
            @Descriptor("trajectories run at once, at most one per processor on this machine (0: one per processor)"
                    + " (default 0)")
            @Parameter(names = "--threads", absentValue = "0") int threads,
            @Descriptor("relative error tolerance of every trajectory (default: relativeTolerance of bf:defaults)")
            @Parameter(names = "--rtol", absentValue = "") String rtol,
            @Descriptor("absolute error tolerance of every trajectory (default: absoluteTolerance of bf:defaults)")
            @Parameter(names = "--atol", absentValue = "") String atol,
            @Descriptor("replace the run or sweep already in --out; the old one stays whole until the new sweep is"
                    + " complete (a folder holding files biasflow did not write is never replaced)")
            @Parameter(names = "--overwrite", presentValue = "true", absentValue = "false") boolean overwrite,
            @Descriptor("complete the same sweep in --out after an interruption: trajectories already recorded are"
                    + " kept, the others run; the result is that of an uninterrupted sweep. To run a recorded"
                    + " trajectory again, delete its folder under runs/ first")
            @Parameter(names = "--resume", presentValue = "true", absentValue = "false") boolean resume,
            @Descriptor("i/n: run only the i-th of n disjoint slices of the grid (1-based, balanced by expected cost),"
                    + " into the shared --out; run every shard (in any processes or machines that see --out): the last"
                    + " to end writes sweep.csv, as bf:sweep-merge --out DIR does. A shard re-run after an interruption"
                    + " needs --resume")
            @Parameter(names = "--shard", absentValue = "") String shard,
            @Descriptor("run the trajectories on the biasflow cluster of this name (members started with bf:member"
                    + " --cluster NAME); needs the optional bundle org.biasflow.cluster (see README). The folder, files"
                    + " and sweep.csv are those of a local sweep, and --threads bounds the trajectories in flight"
                    + " (0: four per member)")
            @Parameter(names = "--cluster", absentValue = "") String cluster,
            @Descriptor("with --cluster: comma-separated members to join through, host or host:port (default"
                    + " 127.0.0.1)")
            @Parameter(names = "--members", absentValue = "127.0.0.1") String members,
            @Descriptor("with --cluster: the local address to listen on (default: the loopback interface only)")
            @Parameter(names = "--address", absentValue = "") String address) {
        if (data.isEmpty() || out.isEmpty()) {
            throw new IllegalArgumentException("bf:sweep needs --data FILE and --out DIR");
        }
        if (!model.isEmpty() && !models.isEmpty()) {
            throw new IllegalArgumentException("bf:sweep takes --model NAME or --models NAME,NAME,..., not both");
        }
        List<Integer> depthList = Arguments.values(depths).stream().map(SweepCommands::depth).toList();
        Map<String, String> fixed = new LinkedHashMap<>();
        Map<String, List<String>> swept = new LinkedHashMap<>();
        Arguments.optionLists(options).forEach((key, values) -> {
            if (values.size() == 1) {
                fixed.put(key, values.get(0));
            } else {
                swept.put(key, values);
            }
        });
        SweepRequest request = new SweepRequest(Path.of(data), model.isEmpty() ? null : model, loss,
                Arguments.values(alphas), depthList, Arguments.targets(eps), Path.of(out),
                integrator.isEmpty() ? null : integrator, threads, Arguments.withTolerances(fixed, rtol, atol),
                overwrite, resume, shard.isEmpty() ? null : Shard.parse(shard),
                models.isEmpty() ? List.of(model.isEmpty() ? "diagonal" : model) : Arguments.names(models, "--models"),
                seeds.isEmpty() ? List.of() : Arguments.seeds(seeds),
                shape.isEmpty() ? List.of() : Arguments.shapes(shape, "--shape"),
                negativeShape.isEmpty() ? List.of() : Arguments.shapes(negativeShape, "--negative-shape"), swept);
        SweepOutcome outcome;
        if (cluster.isEmpty()) {
            outcome = sweeps.sweep(request, SweepListener.progressLine(System.out));
        } else {
            ClusterSweeps clusterSweeps = this.clusterSweeps;
            if (clusterSweeps == null) {
                throw new IllegalStateException("bf:sweep --cluster needs the optional bundle org.biasflow.cluster"
                        + " and Hazelcast: drop both jars into the load/ folder (see README, 'A cluster')");
            }
            outcome = clusterSweeps.sweep(request, SweepListener.progressLine(System.out), cluster,
                    Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList(),
                    address.isEmpty() ? null : address);
        }
        String summary = summary(outcome, request.shard());
        if (!outcome.allCompleted()) {
            throw new IllegalStateException(summary.stripTrailing());
        }
        return summary;
    }

    private String cancelHere() {
        int cancelledSweeps = sweeps.cancelAll();
        int cancelledRuns = runner.cancelAll();
        if (cancelledSweeps == 0 && cancelledRuns == 0) {
            return "nothing is running in this process; to stop a run or sweep of another process, name its folder:"
                    + " bf:cancel --out DIR (or press Ctrl-C in that process, or kill PID)\n";
        }
        return "cancelling " + cancelledSweeps + " sweep(s) and " + cancelledRuns + " run(s)\n";
    }

    @Descriptor("stop every run and sweep of this process, or with --out DIR the run, sweep or shards working in DIR"
            + " in any process that sees the folder; they stop as on Ctrl-C, keeping what they finished (a run ends"
            + " as cancelled with its record and checkpoints, a sweep keeps its finished trajectories)")
    public String cancel(
            @Descriptor("the output folder of the work to stop (default: all work of this process)")
            @Parameter(names = "--out", absentValue = "") String out) {
        if (out.isEmpty()) {
            return cancelHere();
        }
        List<String> holders = runner.cancel(Path.of(out));
        if (holders.isEmpty()) {
            return java.nio.file.Files.isDirectory(Path.of(out)) ? "nothing is running in " + out + "\n"
                    : "nothing is running in " + out + ": there is no such folder\n";
        }
        return "asked to stop: " + String.join("; ", holders) + "\n";
    }

    static String summary(SweepOutcome outcome, Shard shard) {
        StringBuilder text = new StringBuilder();
        String what = shard == null ? "" : "shard " + shard + " ";
        String headline = !outcome.stopped().isEmpty() ? "stopped: " : outcome.cancelled() ? "cancelled: " : "done: ";
        text.append(what).append(headline).append(outcome.finished())
                .append(" of ").append(outcome.total()).append(" trajectories")
                .append(shard == null ? " in " + outcome.output().resolve("sweep.csv") : " in " + outcome.output())
                .append(String.format(Locale.ROOT, " (%.1f s)", outcome.wallSeconds()));
        if (!outcome.statuses().isEmpty()) {
            text.append(": ").append(outcome.statuses().entrySet().stream()
                    .map(entry -> entry.getKey().replace('_', ' ') + " " + entry.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (outcome.skipped() > 0) {
            text.append(String.format(Locale.ROOT, " (%d recorded before)", outcome.skipped()));
        }
        text.append('\n');
        if (!outcome.stopped().isEmpty()) {
            text.append("why: ").append(outcome.stopped()).append('\n');
        }
        outcome.problems().forEach(problem -> text.append("  ").append(problem).append('\n'));
        outcome.notes().forEach(note -> text.append("note: ").append(note).append('\n'));
        return text.toString();
    }

    private static int depth(double value) {
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException("depth " + value + " is not a whole number");
        }
        return (int) value;
    }
}
