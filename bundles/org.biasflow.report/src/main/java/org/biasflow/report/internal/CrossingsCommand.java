package org.biasflow.report.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.biasflow.data.IoProblems;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code bf:crossings}: where a column of each trajectory of a sweep first crosses a value. */
@Component(service = CrossingsCommand.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=crossings" })
public class CrossingsCommand {

    @Reference
    TrajectoryRunner runs;

    static final int MAX_REFINE = 1000;

    @Descriptor("per trajectory of a sweep, the first checkpoint interval where a column of sweep.csv falls below"
            + " (--below V) or rises above (--above V) a value, with log10 eps before and after and an estimate"
            + " interpolated linearly in log10 eps")
    public String crossings(
            @Descriptor("a folder written by bf:sweep --out DIR")
            @Parameter(names = "--sweep", absentValue = "") String sweep,
            @Descriptor("a column of sweep.csv, e.g. l1_distance or l1_margin_ratio (docs/outputs.md defines them)")
            @Parameter(names = "--column", absentValue = "") String column,
            @Descriptor("the value the column must fall to (value <= V)")
            @Parameter(names = "--below", absentValue = "") String below,
            @Descriptor("the value the column must rise to (value >= V)")
            @Parameter(names = "--above", absentValue = "") String above,
            @Descriptor("refine each crossing by re-running its trajectory with N checkpoints evenly spaced in log10"
                    + " eps across the interval (default 0: the checkpoint interval of the sweep)")
            @Parameter(names = "--refine", absentValue = "0") int refine) {
        if (sweep.isEmpty() || column.isEmpty() || below.isEmpty() == above.isEmpty()) {
            throw new IllegalArgumentException("bf:crossings needs --sweep DIR, --column NAME and exactly one of"
                    + " --below V or --above V");
        }
        if (refine < 0 || refine > MAX_REFINE) {
            throw new IllegalArgumentException("--refine " + refine + ": give 0 (no refinement) up to " + MAX_REFINE
                    + " checkpoints");
        }
        Crossing.Direction direction = below.isEmpty() ? Crossing.Direction.ABOVE : Crossing.Direction.BELOW;
        double level = level(below.isEmpty() ? above : below, below.isEmpty() ? "--above" : "--below");
        List<String> holders = runs.workingIn(Path.of(sweep));
        SweepTable table;
        String notRun;
        List<String> withoutCheckpoints;
        try {
            table = SweepTable.ofSweepFolder(Path.of(sweep), "bf:crossings");
            notRun = SweepTable.notRunSentence(Path.of(sweep));
            // while a sweep works in the folder, its trajectories end before sweep.csv is written again with their rows
            withoutCheckpoints = holders.isEmpty() ? table.withoutCheckpoints(Path.of(sweep)) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("read the sweep in", Path.of(sweep), e), e);
        }
        if (table.rows().isEmpty() && withoutCheckpoints.isEmpty()) {
            throw new IllegalArgumentException(SweepTable.nothingFinished(Path.of(sweep)));
        }
        // without rows the header holds only the columns of trajectories that reached no checkpoint: no analyzer's
        if (!table.rows().isEmpty() && table.column(column) < 0) {
            throw new IllegalArgumentException(Path.of(sweep).resolve("sweep.csv") + " has no column '" + column
                    + "'; its columns are " + String.join(", ", table.columns()));
        }
        if (table.isText(column)) {
            throw new IllegalArgumentException("--column " + column + ": the column '" + column + "' of "
                    + Path.of(sweep).resolve("sweep.csv") + " holds text, not numbers, so it has no crossings"
                    + (column.equals("target") ? "; log10_target holds the targets as numbers" : ""));
        }
        StringBuilder out = new StringBuilder();
        if (!holders.isEmpty()) {
            out.append("note: ").append(sweep).append(" is in use by ").append(String.join(" and ", holders))
                    .append(": these are the trajectories finished so far\n");
        } else if (notRun != null) {
            out.append("note: ").append(notRun).append("; bf:sweep --resume --out ").append(sweep)
                    .append(" with the same settings runs them\n");
        }
        out.append(String.format(Locale.ROOT, "first crossing of %s %s %s per trajectory, measured at the sweep's"
                + " checkpoints (%s; the estimate interpolates %s linearly in log10 eps)%n",
                column, direction == Crossing.Direction.BELOW ? "<=" : ">=", Findings.formatLevel(level),
                refine == 0 ? "the checkpoint interval, not refined"
                        : "each interval refined by re-running the trajectory with " + refine + " checkpoints in it",
                column));
        List<String> settings = table.settingColumns();
        int[] widths = new int[settings.size()];
        for (int k = 0; k < settings.size(); k++) {
            widths[k] = SweepTable.label(settings.get(k)).length();
            for (SweepTable.Row first : table.firstRows()) {
                widths[k] = Math.max(widths[k], shown(first.settingValues().get(k)).length());
            }
        }
        out.append(String.format(Locale.ROOT, "%-10s %-5s ", "ALPHA", "DEPTH"));
        for (int k = 0; k < settings.size(); k++) {
            out.append(String.format(Locale.ROOT, "%-" + widths[k] + "s ",
                    SweepTable.label(settings.get(k)).toUpperCase(Locale.ROOT)));
        }
        out.append(String.format(Locale.ROOT, "%-13s %-16s %-16s %-18s %s%n", "STATUS", "BEFORE_LOG10_EPS",
                "AFTER_LOG10_EPS", "ESTIMATE_LOG10_EPS", "CROSSING"));
        for (SweepTable.Row first : table.firstRows()) {
            Crossing crossing = Crossing.first(table.checkpoints(first, column), direction, level);
            String note = "";
            if (refine > 0) {
                Path run = Path.of(sweep).resolve(first.run());
                try {
                    Refinement.Result refined = Refinement.refine(runs, first, run, crossing, column, direction,
                            level, refine);
                    crossing = refined.crossing();
                    note = refined.note().isEmpty() ? "" : " [" + refined.note() + "]";
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot refine the crossing of " + run + ": "
                            + IoProblems.reason(e), e);
                }
            }
            out.append(String.format(Locale.ROOT, "%-10s %-5d ", table.alphaText(first.alpha(), 4), first.depth()));
            for (int k = 0; k < settings.size(); k++) {
                out.append(String.format(Locale.ROOT, "%-" + widths[k] + "s ", shown(first.settingValues().get(k))));
            }
            out.append(String.format(Locale.ROOT, "%-13s %-16s %-16s %-18s %s%s%n", first.status(),
                    number(crossing.log10LossBefore()), number(crossing.log10LossAfter()),
                    number(crossing.log10LossEstimate()), crossing.describe(), note));
        }
        withoutCheckpoints.forEach(run -> out.append(run).append(": no rows in sweep.csv, no crossing\n"));
        return out.toString();
    }

    /** A setting's value in the table: {@code -} for an option the trajectory's model does not read. */
    private static String shown(String value) {
        return value.isEmpty() ? "-" : value.replace(' ', ';');
    }

    private static double level(String text, String option) {
        double level;
        try {
            level = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            level = Double.NaN;
        }
        if (!Double.isFinite(level)) {
            throw new IllegalArgumentException(option + " " + text + " is not a finite number");
        }
        // a nonzero digit before the exponent that reads as 0 is a value below the smallest double, not zero
        if (level == 0 && text.strip().split("[eE]")[0].chars().anyMatch(c -> c >= '1' && c <= '9')) {
            throw new IllegalArgumentException(option + " " + text + " is too small to tell from 0 in double"
                    + " precision (the smallest is 4.9e-324): give 0, or a level a double can hold");
        }
        return level;
    }

    private static String number(double log10) {
        return Double.isNaN(log10) ? "-" : String.format(Locale.ROOT, "%.6g", log10);
    }
}
