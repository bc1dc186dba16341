package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.biasflow.api.TargetLoss;
import org.biasflow.data.AtomicFiles;
import org.biasflow.report.internal.ReportDocument.Heading;
import org.biasflow.report.internal.ReportDocument.Paragraph;
import org.biasflow.report.internal.ReportDocument.Table;

/**
 * The report of any sweep folder written by {@code bf:sweep}, whatever its data, model and loss: {@code report.md},
 * {@code report.html} and {@code figures/} beside its {@code sweep.csv}, from that table alone.
 */
final class SweepReport {

    /** The crossings the report tabulates: column, side, level. */
    record Criterion(String column, Crossing.Direction direction, double level) {
        String heading() {
            return "`" + column + "` " + (direction == Crossing.Direction.BELOW ? "≤ " : "≥ ")
                    + Findings.formatLevel(level);
        }
    }

    static final List<Criterion> CRITERIA = List.of(
            new Criterion("l1_margin_ratio", Crossing.Direction.ABOVE, 0.9),
            new Criterion("l1_margin_ratio", Crossing.Direction.ABOVE, 0.99),
            new Criterion("l1_distance", Crossing.Direction.BELOW, 0.1),
            new Criterion("l2_distance", Crossing.Direction.BELOW, 0.1));

    private SweepReport() {
    }

    /** Writes the sweep's report beside its sweep.csv, in place of an earlier one as a whole ({@link ReportFiles}). */
    static ReportDocument write(Path sweepFolder, SweepTable table) throws IOException {
        List<String> withoutCheckpoints = table.withoutCheckpoints(sweepFolder);
        if (table.rows().isEmpty() && withoutCheckpoints.isEmpty()) {
            throw new IllegalArgumentException(SweepTable.nothingFinished(sweepFolder));
        }
        return ReportFiles.replace(sweepFolder, into -> write(sweepFolder, table, withoutCheckpoints, into));
    }

    /** The report of the sweep, its figures, report.md and report.html written into {@code into}. */
    private static ReportDocument write(Path sweepFolder, SweepTable table, List<String> withoutCheckpoints,
            Path into) throws IOException {
        String name = sweepFolder.toAbsolutePath().normalize().getFileName().toString();
        Path figures = Files.createDirectories(into.resolve("figures"));
        ReportDocument report = new ReportDocument();
        report.add(new Heading(1, "biasflow sweep " + name));
        report.add(new Paragraph(table.rows().isEmpty() ? "No trajectory of the sweep reached a checkpoint, so the"
                + " report has no tables or figures." : summary(table)));
        String notRun = SweepTable.notRunSentence(sweepFolder);
        if (notRun != null) {
            report.add(new Paragraph("The sweep is not complete: " + notRun + ", so the tables and figures below"
                    + " leave them out. `bf:sweep` with the same settings and `--resume --out DIR` runs them."));
        }
        if (!withoutCheckpoints.isEmpty()) {
            report.add(withoutRows(withoutCheckpoints));
        }
        for (int depth : table.depths()) {
            report.add(new Heading(2, "Depth D = " + depth));
            for (String settings : table.groups(depth)) {
                if (!settings.isEmpty()) {
                    report.add(new Heading(3, "D = " + depth + ", " + settings));
                }
                SweepTable group = table.group(settings);
                report.add(new Paragraph("Crossings measured on each trajectory at the sweep's checkpoints: each lies"
                        + " in the checkpoint interval shown (not refined), and ≈ interpolates the column linearly in"
                        + " log10 ε between its two ends. `bf:crossings --sweep DIR --column NAME --below V` (or"
                        + " `--above V`) gives them for any column and level."));
                report.add(crossings(group, depth));
                String stem = "depth" + depth + (settings.isEmpty() ? "" : "-" + fileName(settings));
                String title = settings.isEmpty() ? name : name + ", " + settings;
                ReportWriter.plots(report, figures, group, depth, stem, title);
                for (String norm : List.of("l1", "l2")) {
                    String column = norm + "_distance";
                    if (ReportWriter.plotted(report, group, depth, column,
                            "the " + ReportWriter.symbol(norm) + " distance against ε")) {
                        ReportWriter.figure(report, figures, stem + "-" + norm + "-distance",
                                Figures.distances(group, depth, column, ReportWriter.symbol(norm), title));
                    }
                }
            }
        }
        AtomicFiles.write(into.resolve("report.md"), report.markdown());
        AtomicFiles.write(into.resolve("report.html"), report.html(into, "biasflow sweep " + name));
        return report;
    }

    /** The sentence naming the trajectories of {@link SweepTable#withoutCheckpoints}. */
    static Paragraph withoutRows(List<String> trajectories) {
        return new Paragraph("Trajectories of the sweep that have no rows in `sweep.csv`, so are not in the tables"
                + " below: " + String.join("; ", trajectories) + ".");
    }

    private static String summary(SweepTable table) {
        Map<String, Integer> statuses = new TreeMap<>();
        table.firstRows().forEach(row -> statuses.merge(row.status(), 1,
                Integer::sum));
        double deepest = table.rows().stream().mapToDouble(SweepTable.Row::log10Loss).min().orElse(Double.NaN);
        return table.firstRows().size() + " trajectories (" + statuses.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", "))
                + ") over α ∈ {" + table.alphas().stream().map(alpha -> table.alphaText(alpha, 3))
                        .collect(Collectors.joining(", "))
                + "} and D ∈ " + table.depths() + settingValues(table) + ", checkpoints down to ε = "
                + TargetLoss.levelText(deepest)
                + ". The data, model, loss, integrator and tolerances of each trajectory are in its"
                + " `runs/*/run.json`; the numbers behind every table and figure are in `sweep.csv`.";
    }

    /** ", seed ∈ {1, 2}" for each setting the sweep varies beyond α and D. */
    private static String settingValues(SweepTable table) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < table.settingColumns().size(); k++) {
            Set<String> values = new LinkedHashSet<>();
            for (SweepTable.Row row : table.firstRows()) {
                if (!row.settingValues().get(k).isEmpty()) {
                    values.add(row.settingValues().get(k));
                }
            }
            text.append(", ").append(SweepTable.label(table.settingColumns().get(k))).append(" ∈ {")
                    .append(String.join(", ", values)).append('}');
        }
        return text.toString();
    }

    /** A group's settings as part of a file name: "seed=1_width=2". */
    static String fileName(String settings) {
        return settings.replace(" = ", "=").replace(", ", "_").replaceAll("[^A-Za-z0-9.=_+-]", "-");
    }

    /** Per trajectory of the depth, where each criterion is first met (criteria without their column left out). */
    static Table crossings(SweepTable table, int depth) {
        List<Criterion> criteria = CRITERIA.stream().filter(criterion -> table.column(criterion.column()) >= 0)
                .toList();
        List<String> header = new ArrayList<>(List.of("α", "status"));
        criteria.forEach(criterion -> header.add(criterion.heading() + " at ε"));
        List<List<String>> rows = new ArrayList<>();
        for (SweepTable.Row first : table.firstRows()) {
            if (first.depth() != depth) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(table.alphaText(first.alpha(), 3), first.status()));
            for (Criterion criterion : criteria) {
                row.add(Crossing.first(table.checkpoints(first, criterion.column()),
                        criterion.direction(), criterion.level()).describe());
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }
}
