package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.biasflow.analyzer.References;
import org.biasflow.analyzer.Threshold;
import org.biasflow.api.DataSet;
import org.biasflow.api.TargetLoss;
import org.biasflow.chart.Chart;
import org.biasflow.data.AtomicFiles;
import org.biasflow.data.DataFiles;
import org.biasflow.report.internal.ReportDocument.Figure;
import org.biasflow.report.internal.ReportDocument.Heading;
import org.biasflow.report.internal.ReportDocument.Paragraph;
import org.biasflow.report.internal.ReportDocument.Table;

/**
 * Turns the sweeps of a reproduction folder into {@code figures/}, {@code report.md} and {@code report.html}. Reads
 * only what is on disk, so {@code bf:report} can redraw an earlier reproduction.
 */
final class ReportWriter {

    static final double[] RATIO_LEVELS = {0.9, 0.99};
    static final double[] DISTANCE_TOLERANCES = {0.1, 0.01};

    private ReportWriter() {
    }

    static ReportDocument write(Path folder, Reproduction reproduction) throws IOException {
        return ReportFiles.replace(folder, into -> write(folder, reproduction, into));
    }

    /** The reproduction's report: its figures, report.md and report.html written into {@code into}. */
    private static ReportDocument write(Path folder, Reproduction reproduction, Path into) throws IOException {
        Path figures = Files.createDirectories(into.resolve("figures"));
        ReportDocument report = new ReportDocument();
        report.add(new Heading(1, "biasflow reproduction: initialization scale versus training accuracy"));
        report.add(new Paragraph("Gradient flow on diagonal linear networks of depth D with the exponential loss,"
                + " followed to training loss ε = " + TargetLoss.levelText(reproduction.targets()
                        .get(reproduction.targets().size() - 1).log10())
                + " for every initialization scale α of a log grid. Theory (Moroshko et al. 2020) predicts the"
                + " kernel (ℓ2 max-margin) predictor while α^D ≫ log(1/ε), the rich (ℓ1 max-margin) predictor"
                + " when α^D ≪ log(1/ε), and the Q_μ minimizer in between, with μ = α^D/γ."));
        report.add(settings(reproduction));
        report.add(new Paragraph("Each table gives, per α, the ε at which the simulated trajectory's ℓ1-margin ratio"
                + " first reaches 0.9 and 0.99, and for each tolerance the ε at which its ℓ1 distance first falls"
                + " below it, beside bf:threshold's prediction of that same crossing: where the Q_μ path comes within"
                + " the tolerance of the ℓ1 predictor, read as log10 ε = −α^D/(μ ln 10). The prediction assumes the"
                + " flow's β/γ is on the path; where the flow's qmu_distance near the predicted ε is at least half the"
                + " tolerance the cell says the crossing is not resolved. At depth D > 2 the theory does not apply at"
                + " fixed α (the flow heads to an ℓ_{2/D} KKT point) and no prediction is given (\"n/a\")."
                + " `bf:threshold --measure` prints both for one α."));
        for (Reproduction.DataRecipe recipe : reproduction.dataSets()) {
            SweepTable table = SweepTable.read(folder.resolve(recipe.name()).resolve("sweep.csv"));
            // the findings and the hash printed below come from this file: it must hold the data the sweep ran on
            Path sweepRecord = folder.resolve(recipe.name()).resolve("sweep.json");
            String hash = RunRecord.sweepDataHash(sweepRecord);
            DataSet data = DataFiles.readRecorded(folder.resolve("data").resolve(recipe.name() + ".csv"), hash,
                    sweepRecord);
            report.add(new Heading(2, "Data set " + recipe.name()));
            report.add(new Paragraph(recipe.description() + "; remake it with `" + recipe.command()
                    + " --out FILE` (SHA-256 of the data: " + hash + ")."));
            List<String> withoutCheckpoints = table.withoutCheckpoints(folder.resolve(recipe.name()));
            if (!withoutCheckpoints.isEmpty()) {
                report.add(SweepReport.withoutRows(withoutCheckpoints));
            }
            for (int depth : table.depths()) {
                report.add(new Heading(3, recipe.name() + ", depth D = " + depth));
                report.add(findings(table, data, depth));
                plots(report, figures, table, depth, recipe.name() + "-depth" + depth, recipe.name());
            }
        }
        AtomicFiles.write(into.resolve("report.md"), report.markdown());
        AtomicFiles.write(into.resolve("report.html"), report.html(into, "biasflow reproduction"));
        return report;
    }

    private static Table settings(Reproduction reproduction) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("data sets", String.join(", ", reproduction.dataSets().stream()
                .map(Reproduction.DataRecipe::name).toList())));
        int digits = SweepTable.digitsTelling(reproduction.alphas(), 3);
        rows.add(List.of("α", reproduction.alphas().stream().map(a -> SweepTable.significant(a, digits))
                .reduce((a, b) -> a + ", " + b).orElse("")));
        rows.add(List.of("depths D", reproduction.depths().toString()));
        rows.add(List.of("checkpoints ε", reproduction.targets().stream().map(t -> TargetLoss.levelText(t.log10()))
                .reduce((a, b) -> a + ", " + b).orElse("")));
        rows.add(List.of("model, loss", "diagonal, exponential; integrator and tolerances as configured"
                + " (each runs/*/run.json records them)"));
        rows.add(List.of("integrator options", reproduction.integratorOptions().toString()));
        return new Table(List.of("setting", "value"), rows);
    }

    /**
     * Per α: the ε at which the ℓ1-margin ratio first exceeds 0.9 and 0.99, then for each distance tolerance the ε at
     * which the ℓ1 distance first falls below it along the simulated trajectory beside the theory's threshold for
     * that same distance, so that like stands beside like.
     */
    static Table findings(SweepTable table, DataSet data, int depth) {
        String[] predicted = new String[DISTANCE_TOLERANCES.length];
        Threshold[] atUnitScale = new Threshold[DISTANCE_TOLERANCES.length];
        for (int k = 0; k < DISTANCE_TOLERANCES.length; k++) {
            try {
                atUnitScale[k] = References.threshold(data, 1.0, depth, DISTANCE_TOLERANCES[k]);
            } catch (IllegalArgumentException e) {
                predicted[k] = "n/a: " + e.getMessage();
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (double alpha : table.alphas()) {
            List<String> row = new ArrayList<>(List.of(table.alphaText(alpha, 3)));
            for (double level : RATIO_LEVELS) {
                row.add(reachedAt(Crossing.first(table.checkpoints(alpha, depth, "l1_margin_ratio"),
                        Crossing.Direction.ABOVE, level)));
            }
            for (int k = 0; k < DISTANCE_TOLERANCES.length; k++) {
                row.add(reachedAt(Crossing.first(table.checkpoints(alpha, depth, "l1_distance"),
                        Crossing.Direction.BELOW, DISTANCE_TOLERANCES[k])));
                row.add(predicted[k] != null ? predicted[k] : predicted(atUnitScale[k], table, alpha, depth));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("α", "ℓ1 ratio ≥ 0.9 at ε", "ℓ1 ratio ≥ 0.99 at ε"));
        for (double tolerance : DISTANCE_TOLERANCES) {
            header.add("ℓ1 distance ≤ " + tolerance + " at ε");
            header.add("predicted (bf:threshold)");
        }
        return new Table(header, rows);
    }

    /**
     * The theory's threshold for scale α, from the one found at α = 1 (the Q_μ path does not depend on α), and how
     * far the flow is from that path at the checkpoint nearest the predicted ε when the trajectory reaches it: where
     * that is not small beside the tolerance, the prediction cannot place the crossing and the cell says so.
     */
    private static String predicted(Threshold atUnitScale, SweepTable table, double alpha, int depth) {
        if (!atUnitScale.applies()) {
            return "n/a: no theory at D = " + depth;
        }
        if (!atUnitScale.richReached()) {
            return "below " + TargetLoss.levelText(Threshold.log10Loss(alpha, depth, atUnitScale.smallestMu()));
        }
        double log10 = Findings.predictedRichLog10Loss(atUnitScale, alpha);
        String prediction = TargetLoss.levelText(log10);
        List<Crossing.Checkpoint> path = table.checkpoints(alpha, depth, "qmu_distance");
        if (path.isEmpty() || log10 < path.get(path.size() - 1).log10Loss()) {
            return prediction;
        }
        Optional<Crossing.Checkpoint> nearest = path.stream().filter(checkpoint -> Double.isFinite(checkpoint.value()))
                .min(Comparator.comparingDouble(checkpoint -> Math.abs(checkpoint.log10Loss() - log10)));
        if (nearest.isPresent() && nearest.get().value() >= atUnitScale.tolerance() / 2) {
            return prediction + String.format(Locale.ROOT, " (the flow is %.2g off the Q_μ path at %s: not"
                    + " resolved)", nearest.get().value(), TargetLoss.levelText(nearest.get().log10Loss()));
        }
        return prediction;
    }

    private static String reachedAt(Crossing crossing) {
        return Findings.describe(crossing.reachedAt(), crossing.log10LossDeepest());
    }

    /**
     * The figures of one depth: margin ratios, phase diagrams and the Q_μ distance. A figure whose column is missing
     * or NaN at every checkpoint is left out with a sentence saying why.
     */
    static void plots(ReportDocument report, Path figures, SweepTable table, int depth, String stem, String dataSet)
            throws IOException {
        for (String norm : List.of("l1", "l2")) {
            String column = norm + "_margin_ratio";
            if (plotted(report, table, depth, column, "the " + symbol(norm) + "-margin ratio")) {
                figure(report, figures, stem + "-" + norm + "-margin-ratio",
                        Figures.marginRatios(table, depth, column, symbol(norm), dataSet));
            }
        }
        for (String norm : List.of("l1", "l2")) {
            String column = norm + "_distance";
            String phase = "the phase diagram of the " + symbol(norm) + " distance";
            if (plotted(report, table, depth, column, phase) && spansAPlane(report, table, depth, phase)) {
                figure(report, figures, stem + "-phase-" + norm,
                        Optional.of(Figures.phaseDiagram(table, depth, column, symbol(norm), dataSet)));
            }
        }
        String intermediate = "the distance to the Q_μ prediction";
        if (plotted(report, table, depth, "mu", intermediate)
                && plotted(report, table, depth, "qmu_distance", intermediate)) {
            figure(report, figures, stem + "-intermediate", Figures.intermediate(table, depth, dataSet));
        }
    }

    /** "ℓ1" for "l1". */
    static String symbol(String norm) {
        return "ℓ" + norm.substring(1);
    }

    /**
     * Whether the trajectories of the depth span a plane of (α, ε) cells, at least two scales and two target losses
     * below 1; if not, the report says why it has no phase diagram.
     */
    static boolean spansAPlane(ReportDocument report, SweepTable table, int depth, String figure) {
        long targets = table.rows().stream().filter(row -> row.depth() == depth && row.log10Loss() < 0)
                .map(row -> Figures.level(row.log10Loss())).distinct().count();
        if (table.alphas().size() >= 2 && targets >= 2) {
            return true;
        }
        report.add(new Paragraph("No figure of " + figure + " at depth " + depth + ": it needs at least two α and two"
                + " target losses below 1, and the sweep has " + table.alphas().size() + " α and " + targets + "."));
        return false;
    }

    /** Whether the column has values to plot at this depth; if not, the report says why it has no figure. */
    static boolean plotted(ReportDocument report, SweepTable table, int depth, String column, String figure) {
        if (table.column(column) < 0) {
            report.add(new Paragraph("No figure of " + figure + ": the sweep has no column `" + column
                    + "` (the analyzer that writes it was not registered during the sweep)."));
            return false;
        }
        if (!table.hasValues(column, depth)) {
            report.add(new Paragraph("No figure of " + figure + " at depth " + depth + ": `" + column
                    + "` is NaN at every checkpoint, because the theory behind it does not cover this model, loss"
                    + " or depth (docs/outputs.md says when each column is NaN)."));
            return false;
        }
        return true;
    }

    static void figure(ReportDocument report, Path figures, String name, Optional<? extends Chart> chart)
            throws IOException {
        if (chart.isEmpty()) {
            report.add(new Paragraph("(" + name + ": the sweep recorded no values to plot)"));
            return;
        }
        String[] files = Figures.write(chart.get(), figures, name);
        report.add(new Figure(chart.get().title(), "figures/" + files[0], "figures/" + files[1]));
    }
}
