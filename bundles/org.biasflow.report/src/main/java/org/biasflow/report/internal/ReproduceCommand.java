package org.biasflow.report.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.biasflow.data.DataFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.data.ShellText;
import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.SweepRunner;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code bf:reproduce}, the main job, and {@code bf:report}, which redraws its plots and report. */
@Component(service = ReproduceCommand.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=reproduce",
        "osgi.command.function=report" })
public class ReproduceCommand {

    @Reference
    SweepRunner sweeps;

    @Reference
    TrajectoryRunner runs;

    @Descriptor("reproduce the kernel-to-rich transition over alpha, depth and epsilon on built-in seeded data:"
            + " sweeps, plots (PNG and SVG) and report.md / report.html in DIR")
    public String reproduce(
            @Descriptor("output folder (default reproduction)")
            @Parameter(names = "--out", absentValue = "reproduction") String out,
            @Descriptor("trajectories run at once, at most one per processor (0: one per processor) (default 0)")
            @Parameter(names = "--threads", absentValue = "0") int threads,
            @Descriptor("a small version: 5 scales, checkpoints to 1e-1000")
            @Parameter(names = "--quick", presentValue = "true", absentValue = "false") boolean quick) {
        Reproduction reproduction = quick ? Reproduction.quick() : Reproduction.full();
        Path folder = Path.of(out);
        StringBuilder summary = new StringBuilder();
        List<String> problems = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (Reproduction.DataRecipe recipe : reproduction.dataSets()) {
                Path data = folder.resolve("data").resolve(recipe.name() + ".csv");
                DataFiles.write(data, recipe.generator().get().dataSet());
                // Each data set's sweep replaces the one an earlier reproduction left (atomically, once complete).
                SweepOutcome outcome = sweeps.sweep(new SweepRequest(data, "diagonal", "exponential",
                        reproduction.alphas(), reproduction.depths(), reproduction.targets(),
                        folder.resolve(recipe.name()), null, threads, reproduction.integratorOptions(), true, false,
                        null),
                        SweepListener.progressLine(System.out));
                summary.append(String.format(Locale.ROOT, "%s: %d of %d trajectories (%.1f s)%n", recipe.name(),
                        outcome.finished(), outcome.total(), outcome.wallSeconds()));
                outcome.problems().forEach(problem -> problems.add(recipe.name() + ": " + problem));
                if (outcome.cancelled()) {
                    StringBuilder message = new StringBuilder((outcome.stopped().isEmpty() ? "cancelled"
                            : "stopped: " + outcome.stopped()) + "; finished trajectories are kept in " + folder
                            + "\n" + summary);
                    outcome.notes().forEach(note -> message.append("note: ").append(note).append('\n'));
                    throw new IllegalStateException(message.toString());
                }
            }
            ReportWriter.write(folder, reproduction);
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("write the reproduction in", folder, e),
                    e);
        }
        summary.append(String.format(Locale.ROOT, "report: %s and %s, figures in %s (%.1f s in all)%n",
                folder.resolve("report.md"), folder.resolve("report.html"), folder.resolve("figures"),
                (System.nanoTime() - start) / 1e9));
        problems.forEach(problem -> summary.append("  ").append(problem).append('\n'));
        return summary.toString();
    }

    @Descriptor("write report.md, report.html and figures/ for a sweep folder (--sweep DIR, any data, model and"
            + " loss), or redraw those of an earlier bf:reproduce (--out DIR)")
    public String report(
            @Descriptor("a folder written by bf:sweep --out DIR: the report is written beside its sweep.csv")
            @Parameter(names = "--sweep", absentValue = "") String sweep,
            @Descriptor("the folder bf:reproduce wrote (default reproduction)")
            @Parameter(names = "--out", absentValue = "") String out,
            @Descriptor("the reproduction was made with --quick")
            @Parameter(names = "--quick", presentValue = "true", absentValue = "false") boolean quick) {
        if (!sweep.isEmpty()) {
            if (!out.isEmpty() || quick) {
                throw new IllegalArgumentException("bf:report takes either --sweep DIR (a bf:sweep folder) or --out DIR"
                        + " [--quick] (a bf:reproduce folder), not both");
            }
            return reportOnSweep(Path.of(sweep));
        }
        String folder = out.isEmpty() ? "reproduction" : out;
        Reproduction reproduction = quick ? Reproduction.quick() : Reproduction.full();
        for (Reproduction.DataRecipe recipe : reproduction.dataSets()) {
            refuseWhileInUse(Path.of(folder).resolve(recipe.name()), "bf:report --out " + ShellText.argument(folder));
            Path table = Path.of(folder).resolve(recipe.name()).resolve("sweep.csv");
            if (!Files.isRegularFile(table)) {
                throw new IllegalArgumentException("bf:report --out reads the sweeps of an earlier bf:reproduce"
                        + (quick ? " --quick" : "") + ", but " + table + " does not exist: run bf:reproduce --out "
                        + ShellText.argument(folder) + (quick ? " --quick" : "") + " first, or use bf:report --sweep"
                        + " DIR for a folder written by bf:sweep");
            }
        }
        try {
            ReportWriter.write(Path.of(folder), reproduction);
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("write the report in", Path.of(folder), e), e);
        }
        return "report: " + Path.of(folder).resolve("report.md") + " and " + Path.of(folder).resolve("report.html")
                + "\n";
    }

    private String reportOnSweep(Path folder) {
        refuseWhileInUse(folder, "bf:report --sweep " + ShellText.argument(folder));
        try {
            SweepReport.write(folder, SweepTable.ofSweepFolder(folder, "bf:report --sweep"));
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("write the report in", folder, e), e);
        }
        return "report: " + folder.resolve("report.md") + " and " + folder.resolve("report.html") + ", figures in "
                + folder.resolve("figures") + "\n";
    }

    /**
     * A sweep still running holds only the trajectories finished so far, and a report written beside it would stay
     * there, stale, next to the final sweep.csv.
     */
    private void refuseWhileInUse(Path sweep, String command) {
        List<String> holders = runs.workingIn(sweep);
        if (!holders.isEmpty()) {
            throw new IllegalStateException(sweep + " is in use by " + String.join(" and ", holders) + ": its"
                    + " sweep.csv holds only the trajectories finished so far; run " + command + " once it has ended");
        }
    }
}
