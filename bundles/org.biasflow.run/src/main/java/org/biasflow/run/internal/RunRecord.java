package org.biasflow.run.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Analyzer;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.RunControl;
import org.biasflow.api.Trajectory;
import org.biasflow.data.AtomicFiles;
import org.biasflow.run.ServiceInfo;

/**
 * The files of one run. {@code checkpoints.csv} grows by one whole row per checkpoint (see {@link AppendedCsv}), so
 * at any moment it holds the checkpoints reached; {@code run.json} is written last, once the trajectory has ended,
 * and counts the rows that are on disk. A checkpoint that cannot be written (a full disk) stops the run, which then
 * fails naming the reason.
 */
final class RunRecord implements RunControl {

    /** An analyzer prepared for this run, or the reason it could not be. */
    record Measure(ServiceInfo analyzer, CheckpointMeasure measure, String failure) {
    }

    static Measure prepare(ServiceInfo info, Analyzer analyzer, AnalysisContext context) {
        try {
            return new Measure(info, analyzer.prepare(context), null);
        } catch (RuntimeException e) {
            return new Measure(info, null, describeFailure(info, e));
        }
    }

    private final Path folder;
    private final int dimension;
    private final List<Measure> measures;
    private final RunControl listener;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final String header;
    private final AppendedCsv csv;
    private volatile String writeFailure;

    RunRecord(Path folder, int dimension, List<Measure> measures, RunControl listener) {
        this.folder = folder;
        this.dimension = dimension;
        this.measures = measures;
        this.listener = listener;
        List<String> columns = new ArrayList<>(List.of("target", "log10_loss", "log10_time", "evaluations"));
        for (Measure measure : measures) {
            if (measure.failure() != null) {
                warnings.add(measure.failure());
            } else {
                for (String column : measure.measure().columns()) {
                    columns.add(columns.contains(column) ? measure.analyzer().name() + "." + column : column);
                }
            }
        }
        for (int i = 1; i <= dimension; i++) {
            columns.add("beta_" + i);
        }
        header = String.join(",", columns);
        Path file = folder.resolve("checkpoints.csv");
        try {
            csv = new AppendedCsv(file, header);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoMessages.describe(e), e);
        }
    }

    List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        StringBuilder row = new StringBuilder();
        row.append(checkpoint.target().text()).append(',').append(checkpoint.log10Loss()).append(',')
                .append(checkpoint.log10Time()).append(',').append(checkpoint.evaluations());
        for (Measure measure : measures) {
            if (measure.failure() == null) {
                for (double value : measured(measure, checkpoint)) {
                    row.append(',').append(value);
                }
            }
        }
        for (double b : checkpoint.beta()) {
            row.append(',').append(b);
        }
        if (writeFailure != null) {
            return;
        }
        try {
            csv.append(row.toString());
        } catch (IOException e) {
            writeFailure = "cannot write " + csv.file() + ": " + IoMessages.describe(e) + "; the "
                    + csv.rows() + " checkpoints before it are kept";
            return;
        }
        checkpoints.add(checkpoint);
        listener.checkpoint(checkpoint);
    }

    /** Why the run's checkpoints could not all be written, or {@code null}. */
    String writeFailure() {
        return writeFailure;
    }

    private double[] measured(Measure measure, Checkpoint checkpoint) {
        int width = measure.measure().columns().size();
        try {
            double[] values = measure.measure().measure(checkpoint);
            if (values.length == width) {
                return values;
            }
            warnings.add("analyzer '" + measure.analyzer().name() + "' of bundle " + measure.analyzer().bundle()
                    + " returned " + values.length + " values for " + width + " columns");
        } catch (RuntimeException e) {
            warnings.add(describeFailure(measure.analyzer(), e));
        }
        double[] missing = new double[width];
        Arrays.fill(missing, Double.NaN);
        return missing;
    }

    private static String describeFailure(ServiceInfo analyzer, RuntimeException e) {
        return "analyzer '" + analyzer.name() + "' of bundle " + analyzer.bundle() + " failed: " + e;
    }

    @Override
    public void progress(double log10Loss) {
        listener.progress(log10Loss);
    }

    @Override
    public boolean isCancelled() {
        return writeFailure != null || listener.isCancelled();
    }

    /**
     * Closes checkpoints.csv and writes run.json from what is on disk; a checkpoint that could not be written makes
     * the run failed, with the reason.
     *
     * @return the trajectory as recorded
     */
    Trajectory finish(Map<String, Object> configuration, Map<String, Object> services, Map<String, Object> data,
            Trajectory trajectory, double wallSeconds) {
        try {
            csv.close();
        } catch (IOException e) {
            if (writeFailure == null) {
                writeFailure = "cannot write " + csv.file() + ": " + IoMessages.describe(e);
            }
        }
        if (writeFailure != null) {
            trajectory = new Trajectory(Trajectory.Status.FAILED, writeFailure, checkpoints, trajectory.evaluations(),
                    trajectory.jacobians(), trajectory.steps(), trajectory.rejectedSteps());
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("status", trajectory.status().name().toLowerCase(java.util.Locale.ROOT));
        run.put("message", trajectory.message());
        run.put("configuration", configuration);
        run.put("services", services);
        run.put("data", data);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("checkpoints", csv.rows());
        counts.put("evaluations", trajectory.evaluations());
        counts.put("jacobians", trajectory.jacobians());
        counts.put("steps", trajectory.steps());
        counts.put("rejected_steps", trajectory.rejectedSteps());
        run.put("counts", counts);
        run.put("wall_seconds", wallSeconds);
        run.put("dimension", dimension);
        run.put("warnings", warnings);
        write("run.json", Json.write(run));
        return trajectory;
    }

    private void write(String name, String content) {
        // An interrupted thread (a Gogo job stopped by a shutdown) would have its NIO channel closed at once.
        boolean interrupted = Thread.interrupted();
        try {
            AtomicFiles.write(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(name) + ": " + IoMessages.describe(e), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
