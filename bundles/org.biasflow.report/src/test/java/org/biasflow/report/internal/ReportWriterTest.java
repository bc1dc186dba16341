package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.biasflow.api.TargetLoss;
import org.biasflow.data.DataFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report drawn from a hand-written sweep: its numbers are the ones the table implies, its figures are real. */
class ReportWriterTest {

    @TempDir
    Path folder;

    private Reproduction reproduction;

    private static final String HEADER = "alpha,depth,status,target,log10_loss,log10_time,evaluations,"
            + "l1_margin_ratio,l2_margin_ratio,l1_distance,l2_distance,mu,qmu_distance,beta_1,beta_2";

    @BeforeEach
    void writeASweep() throws IOException {
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/tiny.csv"), "y,x1,x2\n1,2,1\n1,1,3\n-1,-1,-2\n-1,-3,-1\n");
        Files.createDirectories(folder.resolve("tiny"));
        Files.writeString(folder.resolve("tiny/sweep.json"), "{\"data\": {\"sha256\": \""
                + DataFiles.hash(DataFiles.read(folder.resolve("data/tiny.csv"))) + "\"}}\n");
        // α = 0.1 crosses ratio 0.9 at ε = 1e-10 and 0.99 at 1e-100; its ℓ1 distance reaches 0.1 at 1e-100.
        // α = 10 never crosses.
        Files.writeString(folder.resolve("tiny/sweep.csv"), HEADER + "\n"
                + "0.1,2,completed,1e-1,-1.0,0.1,10,0.5,0.9,0.8,0.1,1.0,0.5,1,1\n"
                + "0.1,2,completed,1e-10,-10.0,9.0,20,0.95,0.8,0.2,0.3,0.1,0.05,1,1\n"
                + "0.1,2,completed,1e-100,-100.0,99.0,30,0.995,0.7,0.05,0.4,0.01,0.01,1,1\n"
                + "10.0,2,completed,1e-1,-1.0,0.1,10,0.6,0.99,0.7,0.001,90.0,0.3,1,1\n"
                + "10.0,2,completed,1e-10,-10.0,9.0,20,0.7,0.99,0.6,0.001,9.0,0.2,1,1\n"
                + "10.0,2,completed,1e-100,-100.0,99.0,30,0.8,0.98,0.5,0.002,0.9,0.1,1,1\n");
        reproduction = new Reproduction(List.of(new Reproduction.DataRecipe("tiny", "four points in the plane",
                "bf:data ...", () -> null)), List.of(0.1, 10.0), List.of(2),
                List.of(TargetLoss.parse("1e-1"), TargetLoss.parse("1e-10"), TargetLoss.parse("1e-100")), Map.of());
    }

    @Test
    void theFindingsAreTheCrossingsOfTheSweepTable() throws IOException {
        ReportWriter.write(folder, reproduction);

        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("| ℓ1 distance ≤ 0.1 at ε | predicted (bf:threshold) | ℓ1 distance ≤ 0.01 at ε"
                + " | predicted (bf:threshold) |"), report);
        // The four points are within 0.1 of the ℓ1 predictor along the whole Q_μ path, so the prediction is the
        // first checkpoint, where the flow is 0.5 off the path (qmu_distance): the cell says it is not resolved.
        assertTrue(report.contains("| 0.100 | 1e-10 | 1e-100 | 1e-100 | 1e0 (the flow is 0.50 off the Q_μ path at 1e-1:"
                + " not resolved) | not reached by 1e-100 |"), report);
        assertTrue(report.contains("| 10.0 | not reached by 1e-100 | not reached by 1e-100 | not reached by 1e-100"
                + " | 1e0 (the flow is 0.30 off the Q_μ path at 1e-1: not resolved) | not reached by 1e-100 |"),
                report);
        assertEquals(-10.0, Crossing.first(SweepTable.read(folder.resolve("tiny/sweep.csv")).checkpoints(0.1, 2,
                "l1_margin_ratio"), Crossing.Direction.ABOVE, 0.9).reachedAt());
    }

    @Test
    void aDataFileChangedSinceItsSweepIsRefusedAndTheReportKept() throws IOException {
        ReportWriter.write(folder, reproduction);
        String before = Files.readString(folder.resolve("report.md"));
        Files.writeString(folder.resolve("data/tiny.csv"), "y,x1,x2\n1,2,1\n1,1,3\n-1,-1,-2\n-1,-3,-2\n");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ReportWriter.write(folder, reproduction));

        assertTrue(refused.getMessage().startsWith("the data file " + folder.resolve("data/tiny.csv") + " has changed"
                + " since " + folder.resolve("tiny/sweep.json") + " was written"), refused.getMessage());
        assertEquals(before, Files.readString(folder.resolve("report.md")));
    }

    @Test
    void theHtmlReportEmbedsEveryFigure() throws IOException {
        ReportDocument document = ReportWriter.write(folder, reproduction);

        String html = Files.readString(folder.resolve("report.html"));
        long figures = document.blocks().stream().filter(b -> b instanceof ReportDocument.Figure).count();
        assertEquals(5, figures);
        assertEquals(figures, html.split("data:image/png;base64,", -1).length - 1);
        assertTrue(html.contains("<td>1e-10</td>"), html);
    }

    @Test
    void theFiguresAreValidPngAndSvgWithTheirTitlesAndSeries() throws Exception {
        ReportWriter.write(folder, reproduction);

        BufferedImage png = ImageIO.read(folder.resolve("figures/tiny-depth2-l1-margin-ratio.png").toFile());
        assertEquals(900, png.getWidth());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        String svgText = factory.newDocumentBuilder()
                .parse(folder.resolve("figures/tiny-depth2-l1-margin-ratio.svg").toFile()).getDocumentElement()
                .getTextContent();
        assertTrue(svgText.contains("ℓ1-margin ratio"), svgText);
        assertTrue(svgText.contains("α = 0.100") && svgText.contains("α = 10.0"), svgText);
        String phase = factory.newDocumentBuilder().parse(folder.resolve("figures/tiny-depth2-phase-l1.svg").toFile())
                .getDocumentElement().getTextContent();
        assertTrue(phase.contains("theory's boundary log(1/ε) = α^2"), phase);
        assertTrue(phase.contains("log10 α"), phase);
    }

    /** A report that fails on its second data set leaves the earlier report whole: no figure of the first is in it. */
    @Test
    void aReportThatFailsLeavesTheEarlierOneAsItWas() throws IOException {
        ReportWriter.write(folder, reproduction);
        Files.writeString(folder.resolve("report.md"), "the earlier report");
        Files.delete(folder.resolve("figures/tiny-depth2-l1-margin-ratio.png"));
        Files.createDirectories(folder.resolve("broken"));
        Files.writeString(folder.resolve("broken/sweep.csv"), HEADER + "\n0.1,2,compl\n");
        Reproduction twoDataSets = new Reproduction(List.of(reproduction.dataSets().get(0),
                new Reproduction.DataRecipe("broken", "a sweep cut short", "bf:data ...", () -> null)),
                reproduction.alphas(), reproduction.depths(), reproduction.targets(), Map.of());

        String message = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(folder, twoDataSets))
                .getMessage();

        assertTrue(message.startsWith(folder.resolve("broken/sweep.csv") + " line 2: expected 15 fields"), message);
        assertEquals("the earlier report", Files.readString(folder.resolve("report.md")));
        assertTrue(Files.notExists(folder.resolve("figures/tiny-depth2-l1-margin-ratio.png")));
        try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
            assertEquals(List.of("broken", "data", "figures", "report.html", "report.md", "tiny"), entries.map(
                    entry -> entry.getFileName().toString()).sorted().toList(), "no staging folder is left");
        }
    }

    /** bf:report --out redraws a reproduction from its sweeps, each checked against its trajectories' records. */
    @Test
    void aReproductionSweepThatDisagreesWithItsTrajectoriesIsRefused() throws IOException {
        Files.writeString(Files.createDirectories(folder.resolve("tiny/runs/alpha=10.0_depth=2")).resolve("run.json"),
                "{\"status\": \"completed\", \"configuration\": {}, \"data\": {}, \"counts\":"
                + " {\"checkpoints\": 13}}\n");

        String message = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(folder, reproduction))
                .getMessage();

        assertTrue(message.startsWith(folder.resolve("tiny/sweep.csv") + " disagrees with the trajectories' records:"
                + " runs/alpha=10.0_depth=2 has 3 rows where its run.json counts 13 checkpoints"), message);
    }
}
