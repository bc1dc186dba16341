package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.biasflow.data.Folders;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Trajectory;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.TrajectoryRunner;

/**
 * Narrows a crossing found between two checkpoints by running the trajectory again, as its {@code run.json}
 * records it, with checkpoints spaced evenly in log10 ε across that interval. The re-run is written to a
 * temporary folder, read, and deleted: the sweep folder is left as it was.
 */
final class Refinement {

    /** The refined crossing, or why there is none. */
    record Result(Crossing crossing, String note) {
    }

    private Refinement() {
    }

    /** @param row the sweep.csv row the crossing is of, whose trajectory the run folder's record must be */
    static Result refine(TrajectoryRunner runner, SweepTable.Row row, Path runFolder, Crossing coarse, String column,
            Crossing.Direction direction, double level, int points) throws IOException {
        if (coarse.kind() != Crossing.Kind.CROSSED) {
            return new Result(coarse, "");
        }
        List<TargetLoss> targets = new ArrayList<>();
        for (int k = 0; k <= points + 1; k++) {
            targets.add(TargetLoss.ofLog10(coarse.log10LossBefore()
                    + (coarse.log10LossAfter() - coarse.log10LossBefore()) * k / (points + 1)));
        }
        RunRecord record = RunRecord.read(runFolder.resolve("run.json"));
        record.requireOf(row.alpha(), row.depth());
        Path scratch = Files.createTempDirectory("biasflow-refine");
        try {
            Path output = scratch.resolve("run");
            RunOutcome outcome = runner.run(record.request(targets, output), checkpoint -> {
            });
            if (outcome.trajectory().status() != Trajectory.Status.COMPLETED) {
                return new Result(coarse, "checkpoint interval: the re-run ended " + outcome.trajectory().status()
                        + " (" + outcome.trajectory().message() + ")");
            }
            Crossing refined = Crossing.first(checkpoints(output.resolve("checkpoints.csv"), column), direction,
                    level);
            if (refined.kind() != Crossing.Kind.CROSSED) {
                return new Result(coarse, "checkpoint interval: the re-run did not cross inside it");
            }
            return new Result(refined, "refined");
        } finally {
            Folders.deleteTree(scratch);
        }
    }

    /** (log10 ε, value of the column) at each checkpoint of a run's {@code checkpoints.csv}. */
    private static List<Crossing.Checkpoint> checkpoints(Path file, String column) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        int loss = header.indexOf("log10_loss");
        int value = header.indexOf(column);
        List<Crossing.Checkpoint> checkpoints = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            checkpoints.add(new Crossing.Checkpoint(Double.parseDouble(cells[loss]),
                    value < 0 ? Double.NaN : Double.parseDouble(cells[value])));
        }
        return checkpoints;
    }
}
