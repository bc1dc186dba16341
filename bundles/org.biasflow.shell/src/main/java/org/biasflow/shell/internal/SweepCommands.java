package org.biasflow.shell.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.SweepRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code bf:sweep} and {@code bf:cancel}: grids of trajectories, with a progress line. */
@Component(service = SweepCommands.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=sweep",
        "osgi.command.function=cancel" })
public class SweepCommands {

    @Reference
    SweepRunner sweeps;

    @Descriptor("run one trajectory per (alpha, depth) in parallel and gather every checkpoint into DIR/sweep.csv")
    public String sweep(
            @Descriptor("data file: CSV (y,x1,...,xd) or LIBSVM (.svm, .libsvm)")
            @Parameter(names = "--data", absentValue = "") String data,
            @Descriptor("initialization scales: " + Arguments.VALUES_HELP + " (default 0.1,1,10)")
            @Parameter(names = "--alphas", absentValue = "0.1,1,10") String alphas,
            @Descriptor("depths, comma-separated (default 2)")
            @Parameter(names = "--depths", absentValue = "2") String depths,
            @Descriptor("target losses: " + Arguments.TARGETS_HELP + " (default 1e-1:1e-10,1e-10:1e-10000:5)")
            @Parameter(names = "--eps", absentValue = "1e-1:1e-10,1e-10:1e-10000:5") String eps,
            @Descriptor("output folder")
            @Parameter(names = "--out", absentValue = "") String out,
            @Descriptor("model service name (default diagonal)")
            @Parameter(names = "--model", absentValue = "diagonal") String model,
            @Descriptor("loss service name (default exponential)")
            @Parameter(names = "--loss", absentValue = "exponential") String loss,
            @Descriptor("integrator service name (default: the configured one)")
            @Parameter(names = "--integrator", absentValue = "") String integrator,
            @Descriptor("trajectories run at once (0: one per processor) (default 0)")
            @Parameter(names = "--threads", absentValue = "0") int threads,
            @Descriptor("relative error tolerance of every trajectory (default: relativeTolerance of bf:defaults)")
            @Parameter(names = "--rtol", absentValue = "") String rtol,
            @Descriptor("absolute error tolerance of every trajectory (default: absoluteTolerance of bf:defaults)")
            @Parameter(names = "--atol", absentValue = "") String atol) {
        if (data.isEmpty() || out.isEmpty()) {
            throw new IllegalArgumentException("bf:sweep needs --data FILE and --out DIR");
        }
        List<Integer> depthList = Arguments.values(depths).stream().map(SweepCommands::depth).toList();
        SweepRequest request = new SweepRequest(Path.of(data), model, loss, Arguments.values(alphas), depthList,
                Arguments.targets(eps), Path.of(out), integrator.isEmpty() ? null : integrator, threads,
                Arguments.withTolerances(java.util.Map.of(), rtol, atol));
        SweepOutcome outcome = sweeps.sweep(request, SweepListener.progressLine(System.out));
        String summary = summary(outcome);
        if (outcome.cancelled()) {
            throw new IllegalStateException(summary.stripTrailing());
        }
        return summary;
    }

    @Descriptor("stop every running sweep, keeping the trajectories already finished")
    public String cancel() {
        int cancelled = sweeps.cancelAll();
        return cancelled == 0 ? "no sweep is running\n" : "cancelling " + cancelled + " sweep(s)\n";
    }

    static String summary(SweepOutcome outcome) {
        StringBuilder text = new StringBuilder();
        text.append(outcome.cancelled() ? "cancelled: " : "done: ").append(outcome.finished()).append(" of ")
                .append(outcome.total()).append(" trajectories in ").append(outcome.output().resolve("sweep.csv"))
                .append(String.format(Locale.ROOT, " (%.1f s)", outcome.wallSeconds())).append('\n');
        outcome.problems().forEach(problem -> text.append("  ").append(problem).append('\n'));
        return text.toString();
    }

    private static int depth(double value) {
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException("depth " + value + " is not a whole number");
        }
        return (int) value;
    }
}
