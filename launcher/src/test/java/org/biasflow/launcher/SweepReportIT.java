package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own sweep, from bf:data to bf:report --sweep and bf:crossings, through the launcher jar: the report
 * and the crossings are read from the sweep folder alone, whatever data it was run on.
 */
class SweepReportIT {

    @TempDir
    Path folder;

    private LauncherProcessIT.Result launch(String... args) throws Exception {
        return LauncherProcessIT.launchIn(folder, args);
    }

    @Test
    void aUsersSweepGetsAReportAndMeasuredCrossings() throws Exception {
        Path data = folder.resolve("clusters.csv");
        Path sweep = folder.resolve("sweeps").resolve("own");

        LauncherProcessIT.Result result = launch(
                "-c", "bf:data --kind two-clusters --n 12 --d 3 --seed 2 --out " + data,
                "-c", "bf:sweep --data " + data + " --alphas 0.1,1,10 --depths 2 --eps 1e-1:1e-10,1e-100 --out "
                        + sweep,
                "-c", "bf:report --sweep " + sweep,
                "-c", "bf:crossings --sweep " + sweep + " --column l1_distance --below 0.1",
                "-c", "bf:crossings --sweep " + sweep + " --column l1_margin_ratio --above 0.999999");

        assertEquals(0, result.exitCode(), result.err());
        for (String file : List.of("report.md", "report.html", "figures/depth2-l1-margin-ratio.png",
                "figures/depth2-phase-l1.svg", "figures/depth2-intermediate.png", "figures/depth2-l2-distance.svg")) {
            assertTrue(Files.size(sweep.resolve(file)) > 0, file);
        }
        String report = Files.readString(sweep.resolve("report.md"));
        assertTrue(report.contains("3 trajectories (3 completed) over α ∈ {0.100, 1.00, 10.0}"), report);
        assertTrue(report.contains("| α | status | `l1_margin_ratio` ≥ 0.9 at ε | `l1_margin_ratio` ≥ 0.99 at ε"
                + " | `l1_distance` ≤ 0.1 at ε | `l2_distance` ≤ 0.1 at ε |"), report);
        // the same crossings as bf:crossings prints below: one code measures both
        assertTrue(report.contains("| 1.00 | completed | between 1e-3 and 1e-4 (≈ 1e-3.487) |"
                + " between 1e-10 and 1e-100 (≈ 1e-99.22) | between 1e-2 and 1e-3 (≈ 1e-2.767) |"), report);

        List<String> lines = List.of(result.out().split("\n"));
        int below = lines.indexOf("first crossing of l1_distance <= 0.1 per trajectory, measured at the sweep's"
                + " checkpoints (the checkpoint interval, not refined; the estimate interpolates l1_distance linearly"
                + " in log10 eps)");
        assertTrue(below >= 0, result.out());
        assertTrue(lines.get(below + 1).startsWith("ALPHA      DEPTH STATUS"), lines.get(below + 1));
        assertTrue(lines.get(below + 2).matches("0\\.1000 +2 +completed +- +-1\\.00000 +- +at or before the first"
                + " checkpoint, 1e-1"), lines.get(below + 2));
        assertTrue(lines.get(below + 3).matches("1\\.000 +2 +completed +-2\\.00000 +-3\\.00000 +-2\\.7\\d+ +between"
                + " 1e-2 and 1e-3 \\(≈ 1e-2\\.767\\)"), lines.get(below + 3));
        assertTrue(lines.get(below + 4).matches("10\\.00 +2 +completed +-4\\.00000 +-5\\.00000 +-4\\.0\\d+ +between"
                + " 1e-4 and 1e-5 \\(≈ 1e-4\\.012\\)"), lines.get(below + 4));
        int above = lines.indexOf("first crossing of l1_margin_ratio >= 0.999999 per trajectory, measured at the"
                + " sweep's checkpoints (the checkpoint interval, not refined; the estimate interpolates"
                + " l1_margin_ratio linearly in log10 eps)");
        assertTrue(above >= 0, result.out());
        assertTrue(lines.get(above + 4).endsWith("not reached by 1e-100"), lines.get(above + 4));
    }

    @Test
    void refiningReRunsTheIntervalWithDenseCheckpointsAndLeavesTheSweepAsItWas() throws Exception {
        Path sweep = sweepAtAlphaOne("1e-1,1e-2,1e-3,1e-100");
        List<Path> before = files(sweep);

        LauncherProcessIT.Result refined = launch("-c", "bf:crossings --sweep " + sweep + " --column l1_distance"
                + " --below 0.1 --refine 20");

        assertEquals(0, refined.exitCode(), refined.err());
        assertTrue(refined.out().contains("each interval refined by re-running the trajectory with 20 checkpoints"),
                refined.out());
        String row = List.of(refined.out().split("\\n")).stream().filter(line -> line.startsWith("1.000"))
                .findFirst().orElseThrow();
        assertTrue(row.endsWith("[refined]"), row);
        String[] cells = row.trim().split("\\s+");
        double from = Double.parseDouble(cells[3]);
        double to = Double.parseDouble(cells[4]);
        double estimate = Double.parseDouble(cells[5]);
        // the sweep brackets it in (1e-3, 1e-2); 20 checkpoints cut it into 21 parts of 1/21 (printed to 6 digits)
        assertTrue(-2 >= from && to >= -3 && Math.abs(from - to - 1.0 / 21) < 1e-4, row);
        assertTrue(from >= estimate && estimate >= to, row);
        assertEquals(before, files(sweep), "the re-run is not written into the sweep");
    }

    /** A sweep of one trajectory, α = 1 and D = 2, on seeded two-cluster data, with the given checkpoints. */
    private Path sweepAtAlphaOne(String eps) throws Exception {
        Path data = folder.resolve("clusters.csv");
        Path sweep = folder.resolve("own");
        LauncherProcessIT.Result made = launch(
                "-c", "bf:data --kind two-clusters --n 12 --d 3 --seed 2 --out " + data,
                "-c", "bf:sweep --data " + data + " --alphas 1 --depths 2 --eps " + eps + " --out " + sweep);
        assertEquals(0, made.exitCode(), made.err());
        return sweep;
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aFolderWithoutASweepOrAnUnknownColumnIsRefusedByName() throws Exception {
        Path sweep = sweepAtAlphaOne("1e-1,1e-2");

        LauncherProcessIT.Result noSweep = launch("-c", "bf:report --sweep " + folder.resolve("nothing"));
        assertNotEquals(0, noSweep.exitCode());
        assertTrue(noSweep.err().contains("bf:report --sweep reads a folder written by bf:sweep --out DIR, but "
                + folder.resolve("nothing") + " is not a folder"), noSweep.err());

        LauncherProcessIT.Result unknown = launch("-c", "bf:crossings --sweep " + sweep + " --column l1_distanse"
                + " --below 0.1");
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.err().contains("has no column 'l1_distanse'; its columns are alpha, depth, status"),
                unknown.err());

        LauncherProcessIT.Result bothSides = launch("-c", "bf:crossings --sweep " + sweep + " --column l1_distance"
                + " --below 0.1 --above 0.2");
        assertNotEquals(0, bothSides.exitCode());
        assertTrue(bothSides.err().contains("exactly one of --below V or --above V"), bothSides.err());
        assertTrue(Files.notExists(sweep.resolve("report.md")), "nothing is written by a refused command");
    }

    /** The fully connected example in the drop-in folder, and small two-cluster data. */
    private Path withFullyConnectedAndData() throws Exception {
        Path load = Files.createDirectories(folder.resolve("load"));
        Files.copy(Path.of(System.getProperty("biasflow.fixtures"), "org.biasflow.example.fullyconnected.jar"),
                load.resolve("fully-connected.jar"));
        Path data = folder.resolve("clusters.csv");
        assertEquals(0, launch("-c", "bf:data --kind two-clusters --n 12 --d 3 --seed 2 --out " + data).exitCode());
        return data;
    }

    @Test
    void aSweepOverWidthsAndSeedsHasAColumnForEachAndAReportPerGroup() throws Exception {
        Path data = withFullyConnectedAndData();
        Path sweep = folder.resolve("widths");
        String command = "bf:sweep --data " + data + " --model fully-connected --options 'width=2|3' --seeds 1,2"
                + " --alphas 0.5 --depths 2 --eps 1e-1,1e-3,1e-6 --out " + sweep;

        LauncherProcessIT.Result result = launch("-c", command, "-c", "bf:report --sweep " + sweep,
                "-c", "bf:crossings --sweep " + sweep + " --column l2_distance --below 0.5");

        assertEquals(0, result.exitCode(), result.err());
        List<String> rows = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertTrue(rows.get(0).startsWith("alpha,depth,seed,option.width,status,run,target,log10_target,"),
                rows.get(0));
        assertEquals(1 + 4 * 3, rows.size());
        List<String> trajectories = rows.stream().skip(1).map(row -> row.split(",")[5]).distinct().toList();
        assertEquals(List.of("runs/alpha=0.5_depth=2_seed=1_width=2", "runs/alpha=0.5_depth=2_seed=1_width=3",
                "runs/alpha=0.5_depth=2_seed=2_width=2", "runs/alpha=0.5_depth=2_seed=2_width=3"), trajectories);
        for (String trajectory : trajectories) {
            String record = Files.readString(sweep.resolve(trajectory).resolve("run.json"));
            String width = trajectory.substring(trajectory.length() - 1);
            assertTrue(record.contains("\"width\": \"" + width + "\"") && record.contains("\"seed\": "
                    + trajectory.charAt(trajectory.indexOf("seed=") + 5)), record);
        }
        assertTrue(!rows.get(3).split(",", 7)[6].equals(rows.get(9).split(",", 7)[6]),
                "another seed draws another initialization, so another trajectory");

        String report = Files.readString(sweep.resolve("report.md"));
        assertTrue(report.contains("4 trajectories (4 completed) over α ∈ {0.500} and D ∈ [2], seed ∈ {1, 2},"
                + " width ∈ {2, 3}"), report);
        assertTrue(report.contains("### D = 2, seed = 2, width = 3"), report);
        assertTrue(Files.size(sweep.resolve("figures/depth2-seed=1_width=2-l2-margin-ratio.png")) > 0);
        assertTrue(result.out().contains("ALPHA      DEPTH SEED WIDTH STATUS"), result.out());

        LauncherProcessIT.Result resumed = launch("-c", command + " --resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("done: 4 of 4 trajectories") && resumed.out().contains("(4 recorded before)"),
                resumed.out());
        assertEquals(rows, Files.readAllLines(sweep.resolve("sweep.csv")));
    }

    @Test
    void aMalformedListAnUnknownModelAShapeOfTheWrongLengthOrAnUnreadOptionIsRefusedBeforeAnythingRuns()
            throws Exception {
        Path data = withFullyConnectedAndData();
        Path sweep = folder.resolve("refused");
        String base = "bf:sweep --data " + data + " --alphas 1 --eps 1e-1 --out " + sweep;

        for (String[] refusal : List.of(
                new String[] {" --model fully-connected --options 'width=2||3'",
                    "option 'width=2||3': a value is empty (values are separated by |)"},
                new String[] {" --seeds 1,two", "--seeds 'two': 'two' is not a whole number"},
                new String[] {" --models diagonal,fully-conected", "unknown model 'fully-conected'"},
                new String[] {" --shape '1|1,2'", "--shape: shape 2 of 2 (1.0 2.0) has 2 values; give one value, or"
                    + " one per feature (the data have 3)"},
                new String[] {" --models diagonal,fully-connected --options 'widht=2|3'",
                    "option 'widht' is read by no service of this sweep (models diagonal, fully-connected,"
                    + " integrator 'bdf'); the options they accept are diagonal: "})) {
            LauncherProcessIT.Result result = launch("-c", base + refusal[0]);
            assertNotEquals(0, result.exitCode(), refusal[0]);
            assertTrue(result.err().contains(refusal[1]), refusal[0] + ": " + result.err());
            assertTrue(Files.notExists(sweep), refusal[0] + ": nothing is written");
        }
    }
}
