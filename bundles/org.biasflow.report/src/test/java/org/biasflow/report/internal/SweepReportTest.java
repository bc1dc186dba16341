package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep over seeds and an option as well as α: the report sets each group of like settings apart. */
class SweepReportTest {

    @TempDir
    Path folder;

    private static final String HEADER = "alpha,depth,seed,option.width,status,run,target,log10_loss,"
            + "l1_margin_ratio,l1_distance,l2_distance";

    /** Seed 1 reaches ℓ2 distance 0.1 at 1e-10, seed 2 only at 1e-100; α changes nothing here. */
    private SweepTable sweep() throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (String alpha : List.of("0.1", "1.0")) {
            for (String seed : List.of("1", "2")) {
                for (String width : List.of("2", "3")) {
                    String run = "runs/alpha=" + alpha + "_depth=2_seed=" + seed + "_width=" + width;
                    String prefix = alpha + ",2," + seed + "," + width + ",completed," + run + ",";
                    text.append(prefix).append("1e-1,-1.0,0.5,0.9,0.5\n");
                    text.append(prefix).append("1e-10,-10.0,0.6,0.8,").append(seed.equals("1") ? "0.05" : "0.3")
                            .append('\n');
                    text.append(prefix).append("1e-100,-100.0,0.7,0.7,0.01\n");
                }
            }
        }
        Files.writeString(folder.resolve("sweep.csv"), text);
        return SweepTable.ofSweepFolder(folder, "test");
    }

    @Test
    void eachGroupOfLikeSettingsHasItsOwnTableAndFigures() throws Exception {
        SweepTable table = sweep();

        assertEquals(List.of("seed", "option.width"), table.settingColumns());
        assertEquals(8, table.firstRows().size());
        SweepReport.write(folder, table);

        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("8 trajectories (8 completed) over α ∈ {0.100, 1.00} and D ∈ [2], seed ∈ {1, 2},"
                + " width ∈ {2, 3}"), report);
        for (String group : List.of("seed = 1, width = 2", "seed = 1, width = 3", "seed = 2, width = 2",
                "seed = 2, width = 3")) {
            assertTrue(report.contains("### D = 2, " + group + "\n"), group + " in " + report);
        }
        String seedOne = report.substring(report.indexOf("### D = 2, seed = 1, width = 2"),
                report.indexOf("### D = 2, seed = 1, width = 3"));
        assertTrue(seedOne.contains("| 0.100 | completed |") && seedOne.contains("between 1e-1 and 1e-10"), seedOne);
        String seedTwo = report.substring(report.indexOf("### D = 2, seed = 2, width = 2"));
        assertTrue(seedTwo.contains("between 1e-10 and 1e-100"), seedTwo);
        assertTrue(Files.size(folder.resolve("figures/depth2-seed=2_width=3-l1-margin-ratio.png")) > 0);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        String svg = factory.newDocumentBuilder().parse(folder.resolve("figures/depth2-seed=2_width=3-l2-distance.svg")
                .toFile()).getDocumentElement().getTextContent();
        assertTrue(svg.contains("seed = 2, width = 3"), svg);
    }

    @Test
    void aTrajectoryIsItsRunFolderWhateverItsAlphaAndDepthShare() throws IOException {
        SweepTable table = sweep();

        SweepTable.Row first = table.firstRows().get(2);
        assertEquals("runs/alpha=0.1_depth=2_seed=2_width=2", first.run());
        assertEquals(List.of("2", "2"), first.settingValues());
        assertEquals(List.of(-1.0, -10.0, -100.0), table.checkpoints(first, "l2_distance").stream()
                .map(Crossing.Checkpoint::log10Loss).toList());
        assertEquals(0.3, table.checkpoints(first, "l2_distance").get(1).value());
    }

    @Test
    void aTrajectoryWithoutCheckpointsIsNamedWithHowItEnded() throws IOException {
        SweepTable table = sweep();
        Path run = Files.createDirectories(folder.resolve("runs/alpha=10.0_depth=2_seed=1_width=2"));
        Files.writeString(run.resolve("run.json"), "{\"status\": \"limit_reached\", \"message\": \"the step size"
                + " underflowed at log10 L = 139829\", \"configuration\": {}, \"data\": {}}\n");
        Files.createDirectories(folder.resolve("runs/alpha=0.1_depth=2_seed=1_width=2"));

        assertEquals(List.of("runs/alpha=10.0_depth=2_seed=1_width=2 (reached no checkpoint; limit_reached: the step"
                + " size underflowed at log10 L = 139829)"), table.withoutCheckpoints(folder));
        SweepReport.write(folder, table);
        assertTrue(Files.readString(folder.resolve("report.md")).contains("Trajectories of the sweep that have no rows"
                + " in `sweep.csv`, so are not in the tables below: runs/alpha=10.0_depth=2_seed=1_width=2 (reached no"
                + " checkpoint; limit_reached: the step size underflowed"));
    }

    /** A sweep stopped before some of its grid: the report says which have not run, and how to run them. */
    @Test
    void trajectoriesOfTheGridThatHaveNotRunAreNamed() throws IOException {
        SweepTable table = sweep();
        StringBuilder manifest = new StringBuilder("{\"format\": \"biasflow sweep 1\", \"trajectories\": [");
        for (String alpha : List.of("0.1", "1.0", "10.0")) {
            for (String seed : List.of("1", "2")) {
                for (String width : List.of("2", "3")) {
                    String run = "runs/alpha=" + alpha + "_depth=2_seed=" + seed + "_width=" + width;
                    manifest.append(manifest.charAt(manifest.length() - 1) == '[' ? "" : ", ")
                            .append("{\"alpha\": ").append(alpha).append(", \"folder\": \"").append(run)
                            .append("\"}");
                    if (!alpha.equals("10.0")) {
                        Files.writeString(Files.createDirectories(folder.resolve(run)).resolve("run.json"),
                                "{\"status\": \"completed\", \"configuration\": {}, \"data\": {}}\n");
                    }
                }
            }
        }
        Files.writeString(folder.resolve("sweep.json"), manifest.append("]}\n"));
        Files.createDirectories(folder.resolve("runs/.partial-alpha=10.0_depth=2_seed=1_width=2"));

        assertEquals("4 trajectories of the sweep's grid have not run (runs/alpha=10.0_depth=2_seed=1_width=2,"
                + " runs/alpha=10.0_depth=2_seed=1_width=3, runs/alpha=10.0_depth=2_seed=2_width=2,"
                + " runs/alpha=10.0_depth=2_seed=2_width=3)", SweepTable.notRunSentence(folder));
        SweepReport.write(folder, table);
        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("The sweep is not complete: 4 trajectories of the sweep's grid have not run"
                + " (runs/alpha=10.0_depth=2_seed=1_width=2,"), report);
        assertTrue(report.contains("`--resume --out DIR` runs them"), report);

        for (String seed : List.of("1", "2")) {
            for (String width : List.of("2", "3")) {
                Path run = folder.resolve("runs/alpha=10.0_depth=2_seed=" + seed + "_width=" + width);
                Files.writeString(Files.createDirectories(run).resolve("run.json"), "{}");
            }
        }
        assertEquals(null, SweepTable.notRunSentence(folder), "every trajectory has run");
    }

    /** Scales closer than three digits tell apart (bf:sweep --alphas 1:1.01:3) are written with as many as do. */
    @Test
    void scalesThatReadAlikeAtThreeDigitsAreWrittenWithMore() throws Exception {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (String alpha : List.of("1.0", "1.005", "1.01")) {
            for (int k = 1; k <= 3; k++) {
                text.append(alpha).append(",2,1,2,completed,runs/alpha=").append(alpha).append("_depth=2,1e-")
                        .append(k).append(",-").append(k).append(".0,0.5,0.").append(9 - k).append(",0.5\n");
            }
        }
        Files.writeString(folder.resolve("sweep.csv"), text);

        SweepReport.write(folder, SweepTable.ofSweepFolder(folder, "test"));

        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("over α ∈ {1.000, 1.005, 1.010}"), report);
        assertTrue(report.contains("| 1.005 | completed |"), report);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        String svg = factory.newDocumentBuilder().parse(folder.resolve("figures/depth2-seed=1_width=2-l1-distance.svg")
                .toFile()).getDocumentElement().getTextContent();
        assertTrue(svg.contains("α = 1.000") && svg.contains("α = 1.005") && svg.contains("α = 1.010"), svg);
        assertEquals(3, SweepTable.digitsTelling(List.of(0.1, 1.0, 10.0), 3));
        assertEquals(17, SweepTable.digitsTelling(List.of(1.0, Math.nextUp(1.0)), 3));
    }

    /** A run.json as the run engine writes it, as far as the report reads it. */
    private void record(String run, String status, String message, int checkpoints) throws IOException {
        Files.writeString(Files.createDirectories(folder.resolve(run)).resolve("run.json"), "{\"status\": \"" + status
                + "\", \"message\": \"" + message + "\", \"configuration\": {}, \"data\": {}, \"counts\":"
                + " {\"checkpoints\": " + checkpoints + "}}\n");
    }

    /** A sweep.csv cut short at a row's end, or holding only its header, is named against the trajectories' records. */
    @Test
    void aSweepCsvThatDisagreesWithTheTrajectoriesRecordsIsRefusedNamingThem() throws IOException {
        sweep().firstRows().forEach(first -> {
            try {
                record(first.run(), "completed", "", 3);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Files.writeString(folder.resolve("sweep.json"), "{}");
        Path file = folder.resolve("sweep.csv");
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, String.join("\n", lines.subList(0, 5)) + "\n");

        String message = assertThrows(IllegalArgumentException.class, () -> SweepReport.write(folder,
                SweepTable.ofSweepFolder(folder, "test"))).getMessage();

        assertEquals(file + " disagrees with the trajectories' records: runs/alpha=0.1_depth=2_seed=1_width=3 has 1 row"
                + " where its run.json counts 3 checkpoints; runs/alpha=0.1_depth=2_seed=2_width=2 has 0 rows where its"
                + " run.json counts 3 checkpoints; runs/alpha=0.1_depth=2_seed=2_width=3 has 0 rows where its run.json"
                + " counts 3 checkpoints; and 4 more. It was cut short, or left from an earlier state of the sweep;"
                + " bf:sweep-merge --out " + folder + " writes it again from the trajectories' folders", message);
        assertTrue(Files.notExists(folder.resolve("report.md")) && Files.notExists(folder.resolve("figures")));
        Files.writeString(file, lines.get(0) + "\n");
        assertThrows(IllegalArgumentException.class, () -> SweepReport.write(folder, SweepTable.ofSweepFolder(folder,
                "test")), "a sweep.csv holding only its header, beside trajectories with checkpoints");
    }

    /** Trajectories the sweep leaves out of sweep.csv by design are named with why, not taken for a damaged file. */
    @Test
    void aTrajectoryLeftOutOfTheTableByTheSweepIsNamedWithWhy() throws IOException {
        SweepTable table = sweep();
        record("runs/alpha=10.0_depth=2_seed=1_width=2", "completed", "", 2);
        Files.writeString(folder.resolve("runs/alpha=10.0_depth=2_seed=1_width=2/checkpoints.csv"),
                "target,log10_loss,l1_margin_ratio\n1e-1,-1.0,0.5\n1e-10,-10.0,0.6\n");
        record("runs/alpha=10.0_depth=2_seed=1_width=3", "failed", "out of memory", 1);
        Files.writeString(folder.resolve("runs/alpha=10.0_depth=2_seed=1_width=3/run.json"), Files.readString(
                folder.resolve("runs/alpha=10.0_depth=2_seed=1_width=3/run.json")).replace("{\"status\"",
                        "{\"out_of_memory\": true, \"status\""));

        assertEquals(List.of("runs/alpha=10.0_depth=2_seed=1_width=2 (2 checkpoints, left out by the sweep: their"
                + " columns differ from the other trajectories', as when an analyzer came or went during the sweep; see"
                + " its checkpoints.csv)", "runs/alpha=10.0_depth=2_seed=1_width=3 (1 checkpoints, left out by the"
                + " sweep, which runs it again on --resume; failed: out of memory)"), table.withoutCheckpoints(folder));
    }

    /** Data no predictor separates: every trajectory stalls before its first checkpoint, and the report says so. */
    @Test
    void aSweepWhoseTrajectoriesAllStalledIsReportedNamingEach() throws IOException {
        Files.writeString(folder.resolve("sweep.csv"), "alpha,depth,status,run,target,log10_target,log10_loss,gamma\n");
        for (String alpha : List.of("0.1", "1.0")) {
            record("runs/alpha=" + alpha + "_depth=2", "stalled", "the loss cannot go below 10^0.45", 0);
        }

        SweepReport.write(folder, SweepTable.ofSweepFolder(folder, "test"));

        String report = Files.readString(folder.resolve("report.md"));
        assertTrue(report.contains("No trajectory of the sweep reached a checkpoint"), report);
        assertTrue(report.contains("runs/alpha=0.1_depth=2 (reached no checkpoint; stalled: the loss cannot go below"
                + " 10^0.45); runs/alpha=1.0_depth=2 (reached no checkpoint; stalled:"), report);
        Files.delete(folder.resolve("runs/alpha=0.1_depth=2/run.json"));
        Files.delete(folder.resolve("runs/alpha=1.0_depth=2/run.json"));
        assertEquals(folder.resolve("sweep.csv") + " has no checkpoints yet: no trajectory of the sweep has finished",
                assertThrows(IllegalArgumentException.class, () -> SweepReport.write(folder,
                        SweepTable.ofSweepFolder(folder, "test"))).getMessage());
    }

    @Test
    void aTrajectoryRecordCutShortIsNamedWithWhatItPrevents() throws IOException {
        SweepTable table = sweep();
        record("runs/alpha=0.1_depth=2_seed=1_width=2", "completed", "", 3);
        Path file = folder.resolve("runs/alpha=0.1_depth=2_seed=1_width=2/run.json");
        Files.writeString(file, Files.readString(file).substring(0, 30));

        assertEquals(file + " ends before its JSON does: cannot tell whether " + folder.resolve("sweep.csv")
                + " holds the trajectory's checkpoints", assertThrows(IllegalArgumentException.class,
                        () -> table.withoutCheckpoints(folder)).getMessage());
    }
}
