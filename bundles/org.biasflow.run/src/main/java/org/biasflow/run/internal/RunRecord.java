package org.biasflow.run.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Analyzer;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.RunControl;
import org.biasflow.api.Trajectory;
import org.biasflow.data.AtomicFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.run.ServiceCatalog.Selected;
import org.biasflow.run.ServiceInfo;

/**
 * The files of one run. {@code checkpoints.csv}, {@code points.csv} and (when asked) {@code parameters.csv} grow by
 * whole records, one per checkpoint (see {@link AppendedCsv}), {@code checkpoints.csv} last, so at any moment it
 * holds exactly the checkpoints reached and the other two hold at least those; {@code run.json} is written last,
 * once the trajectory has ended, and counts the rows of checkpoints.csv that are on disk. A checkpoint that cannot be
 * written (a full disk) stops the run, which then fails naming the reason. docs/outputs.md defines every column.
 */
final class RunRecord implements RunControl {

    static final String CHECKPOINTS = "checkpoints.csv";
    static final String POINTS = "points.csv";
    static final String PARAMETERS = "parameters.csv";
    static final String RECORD = "run.json";

    /** An analyzer prepared for this run, or the reason it could not be. */
    record Measure(ServiceInfo analyzer, CheckpointMeasure measure, String failure) {
    }

    static Measure prepare(ServiceInfo info, Analyzer analyzer, AnalysisContext context) {
        try {
            return new Measure(info, analyzer.prepare(context), null);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new Measure(info, null, describeFailure(info, e));
        }
    }

    /**
     * The analyzers being prepared beside the flow, one after the other, and what each will give; {@code thread}
     * prepares them, and is interrupted when the run stops waiting for them.
     */
    record Preparation(List<ServiceInfo> analyzers, List<CompletableFuture<Measure>> measures, Thread thread) {
    }

    /**
     * Prepares the analyzers on a thread of their own while the flow starts: their reference solves took 8–10 s at
     * N = 1000, d = 10000 (issue 14), time in which the flow reaches its first checkpoints on the cores they leave.
     * The first checkpoint waits for them, since its row needs their columns.
     */
    static Preparation prepareAside(List<Selected<Analyzer>> analyzers, AnalysisContext context, String runName) {
        List<CompletableFuture<Measure>> measures = analyzers.stream()
                .map(analyzer -> new CompletableFuture<Measure>()).toList();
        Thread thread = new Thread(() -> {
            for (int k = 0; k < analyzers.size(); k++) {
                Selected<Analyzer> analyzer = analyzers.get(k);
                try {
                    measures.get(k).complete(prepare(analyzer.info(), analyzer.service(), context));
                } catch (Throwable e) {
                    measures.get(k).complete(new Measure(analyzer.info(), null, describeFailure(analyzer.info(), e)));
                }
            }
        }, "biasflow analyzers of " + runName);
        thread.setDaemon(true);
        thread.start();
        return new Preparation(analyzers.stream().map(Selected::info).toList(), measures, thread);
    }

    /** How often a wait for the analyzers looks whether the run was cancelled meanwhile. */
    private static final long CANCEL_POLL_MILLIS = 100;

    private final Path folder;
    private final int dimension;
    private final int parameterCount;
    private final boolean writesParameters;
    private final Preparation preparation;
    private List<Measure> measures;
    private final PointValues points;
    private final RunControl listener;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();
    /** Opened once the analyzers are prepared, since its header holds their columns. */
    private AppendedCsv checkpointTable;
    private final AppendedCsv pointTable;
    private final AppendedCsv parameterTable;
    private volatile String writeFailure;
    /** Set once the run is recorded, or is to be without its flow, still running: the flow writes nothing more. */
    private volatile boolean closed;
    private volatile boolean outOfMemory;

    /**
     * @param points the per-point values of the run's data and loss
     * @param parameterCount the network's parameter count P
     * @param writesParameters whether {@code parameters.csv} is written
     */
    RunRecord(Path folder, int dimension, Preparation preparation, PointValues points, int parameterCount,
            boolean writesParameters, RunControl listener) {
        this.folder = folder;
        this.dimension = dimension;
        this.preparation = preparation;
        this.points = points;
        this.parameterCount = parameterCount;
        this.writesParameters = writesParameters;
        this.listener = listener;
        List<AppendedCsv> opened = new ArrayList<>();
        try {
            pointTable = open(POINTS, String.join(",", PointValues.COLUMNS), opened);
            parameterTable = writesParameters
                    ? open(PARAMETERS, header(List.of("checkpoint", "log10_loss"), "w_", parameterCount), opened)
                    : null;
        } catch (RuntimeException e) {
            for (AppendedCsv table : opened) {
                try {
                    table.close();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    /**
     * checkpoints.csv, opened with its header once the analyzers are prepared; null when it cannot be opened. A run
     * cancelled while they prepare (or {@code cancelled} already) goes on without those still preparing.
     */
    private AppendedCsv checkpointTable(boolean cancelled) {
        if (checkpointTable == null && writeFailure == null) {
            measures = prepared(cancelled);
            List<String> columns = new ArrayList<>(List.of("target", "log10_target", "log10_loss", "log10_time",
                    "evaluations"));
            for (Measure measure : measures) {
                if (measure.failure() != null) {
                    warnings.add(measure.failure());
                } else {
                    for (String column : measure.measure().columns()) {
                        columns.add(columns.contains(column) ? measure.analyzer().name() + "." + column : column);
                    }
                }
            }
            try {
                checkpointTable = open(CHECKPOINTS, header(columns, "beta_", dimension), new ArrayList<>());
            } catch (UncheckedIOException e) {
                writeFailure = e.getMessage();
            }
        }
        return checkpointTable;
    }

    /**
     * The prepared analyzers. An interrupt, or the run cancelled, ends the wait, and those still preparing are left
     * out: a reference solve can take minutes at large N, and Ctrl-C waited for it. Their thread is interrupted, so
     * that analyzers that look (ours do, between iterations) stop instead of solving on for nothing. The interrupt
     * stays set for the cancellation to see.
     */
    private List<Measure> prepared(boolean cancelled) {
        boolean interrupted = false;
        boolean stopped = cancelled;
        List<Measure> prepared = new ArrayList<>();
        try {
            for (int k = 0; k < preparation.analyzers().size(); k++) {
                CompletableFuture<Measure> measure = preparation.measures().get(k);
                while (!stopped && !measure.isDone()) {
                    try {
                        measure.get(CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        stopped = listener.isCancelled();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        stopped = true;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("the preparation never completes exceptionally", e);
                    }
                }
                ServiceInfo info = preparation.analyzers().get(k);
                prepared.add(!measure.isDone() ? new Measure(info, null, "analyzer '" + info.name() + "' of bundle "
                        + info.bundle() + " was still preparing when the run was cancelled; its columns are left out")
                        : measure.join());
            }
            if (stopped) {
                preparation.thread().interrupt();
            }
            return prepared;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private AppendedCsv open(String name, String header, List<AppendedCsv> opened) {
        Path file = folder.resolve(name);
        try {
            AppendedCsv table = new AppendedCsv(file, header);
            opened.add(table);
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannotWrite(file, e), e);
        }
    }

    private static String header(List<String> leading, String family, int count) {
        StringBuilder header = new StringBuilder(String.join(",", leading));
        for (int i = 1; i <= count; i++) {
            header.append(',').append(family).append(i);
        }
        return header.toString();
    }

    /** "the 1 checkpoint reached is kept", "the 3 checkpoints reached are kept": what a stopped run still holds. */
    static String checkpointsKept(int count, String which) {
        return count == 1 ? "the 1 checkpoint " + which + " is kept"
                : "the " + count + " checkpoints " + which + " are kept";
    }

    synchronized List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        checkpoint(checkpoint, null);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint, double[] integratedLossDerivatives) {
        int index;
        synchronized (this) {
            if (closed || checkpointTable(false) == null || writeFailure != null) {
                return;
            }
            index = checkpoints.size() + 1;
        }
        StringBuilder row = new StringBuilder();
        row.append(checkpoint.target().text()).append(',').append(checkpoint.target().log10())
                .append(',').append(checkpoint.log10Loss()).append(',').append(checkpoint.log10Time()).append(',')
                .append(checkpoint.evaluations());
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
        row.append('\n');
        StringBuilder pointRows = new StringBuilder();
        try {
            points.append(pointRows, index, checkpoint, integratedLossDerivatives);
        } catch (RuntimeException e) {
            warn("points.csv has no rows for checkpoint " + index + ": the loss failed on its margins: " + e);
            pointRows.setLength(0);
        }
        String parameterRow = parameterTable == null ? null : parameterRow(index, checkpoint);
        synchronized (this) {
            if (closed) {
                return;
            }
            AppendedCsv writing = pointTable;
            try {
                pointTable.append(pointRows);
                if (parameterTable != null) {
                    writing = parameterTable;
                    parameterTable.append(parameterRow);
                }
                writing = checkpointTable;
                checkpointTable.append(row);
            } catch (IOException e) {
                writeFailure = IoProblems.cannotWrite(writing.file(), e) + "; "
                        + checkpointsKept(checkpointTable.records(), "before it");
                return;
            }
            checkpoints.add(checkpoint);
        }
        listener.checkpoint(checkpoint);
    }

    private String parameterRow(int index, Checkpoint checkpoint) {
        StringBuilder row = new StringBuilder();
        double[] w = checkpoint.parameters();
        row.append(index).append(',').append(checkpoint.log10Loss());
        if (w.length != parameterCount) {
            warn("the integrator reported " + w.length + " parameters at checkpoint " + index
                    + " of a network with " + parameterCount + "; parameters.csv holds NaN there");
            w = new double[parameterCount];
            Arrays.fill(w, Double.NaN);
        }
        for (double value : w) {
            row.append(',').append(value);
        }
        return row.append('\n').toString();
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
            warn("analyzer '" + measure.analyzer().name() + "' of bundle " + measure.analyzer().bundle()
                    + " returned " + values.length + " values for " + width + " columns");
        } catch (RuntimeException e) {
            warn(describeFailure(measure.analyzer(), e));
        }
        double[] missing = new double[width];
        Arrays.fill(missing, Double.NaN);
        return missing;
    }

    private static String describeFailure(ServiceInfo analyzer, Throwable e) {
        return "analyzer '" + analyzer.name() + "' of bundle " + analyzer.bundle() + " failed: " + e;
    }

    @Override
    public void progress(double log10Loss) {
        if (!closed) {
            listener.progress(log10Loss);
        }
    }

    @Override
    public boolean isCancelled() {
        return writeFailure != null || closed || listener.isCancelled();
    }

    @Override
    public synchronized void detail(String name, String value) {
        if (!closed) {
            details.put(name, value);
        }
    }

    /** Takes nothing more from the flow: its run is being recorded without it ({@link #finish} still writes). */
    synchronized void close() {
        closed = true;
    }

    private synchronized void warn(String warning) {
        if (!closed) {
            warnings.add(warning);
        }
    }

    /**
     * Takes note that the run ran out of memory somewhere: if it failed, that is a failure of the machine, not of
     * the trajectory, and run.json says so, so that a resumed sweep runs it again.
     */
    void outOfMemory() {
        outOfMemory = true;
    }

    /**
     * Closes the tables and writes run.json from what is on disk; a checkpoint that could not be written makes the
     * run failed, with the reason. A flow that has not returned (see {@link TrajectoryRunnerComponent}) writes
     * nothing after this: its checkpoints, details and warnings are dropped, and it is told it is cancelled.
     *
     * @return the trajectory as recorded
     */
    synchronized Trajectory finish(Map<String, Object> configuration, Map<String, Object> services,
            Map<String, Object> data, Trajectory trajectory, double wallSeconds) {
        checkpointTable(trajectory.status() == Trajectory.Status.CANCELLED);
        closed = true;
        List<AppendedCsv> tables = new ArrayList<>(List.of(pointTable));
        if (parameterTable != null) {
            tables.add(parameterTable);
        }
        if (checkpointTable != null) {
            tables.add(checkpointTable);
        }
        for (AppendedCsv table : tables) {
            try {
                table.close();
            } catch (IOException e) {
                if (writeFailure == null) {
                    writeFailure = IoProblems.cannotWrite(table.file(), e);
                }
            }
            String lost = table.lost();
            if (lost != null && writeFailure == null) {
                writeFailure = table.file() + " " + lost + ": the rows written there are lost";
            }
        }
        if (writeFailure != null) {
            trajectory = new Trajectory(Trajectory.Status.FAILED, writeFailure, checkpoints, trajectory.evaluations(),
                    trajectory.jacobians(), trajectory.steps(), trajectory.rejectedSteps());
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("status", trajectory.status().name().toLowerCase(java.util.Locale.ROOT));
        run.put("message", trajectory.message());
        run.put("out_of_memory", outOfMemory && trajectory.status() == Trajectory.Status.FAILED);
        run.put("write_failed", writeFailure != null);
        run.put("configuration", configuration);
        run.put("services", services);
        run.put("data", data);
        run.put("platform", platform());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("checkpoints", checkpointTable == null ? 0 : checkpointTable.records());
        counts.put("evaluations", trajectory.evaluations());
        counts.put("jacobians", trajectory.jacobians());
        counts.put("steps", trajectory.steps());
        counts.put("rejected_steps", trajectory.rejectedSteps());
        run.put("counts", counts);
        run.put("integrator_details", details);
        run.put("wall_seconds", wallSeconds);
        run.put("dimension", dimension);
        run.put("parameter_count", parameterCount);
        run.put("files", writesParameters ? List.of(CHECKPOINTS, POINTS, PARAMETERS, RECORD)
                : List.of(CHECKPOINTS, POINTS, RECORD));
        run.put("warnings", warnings);
        write(RECORD, Json.write(run));
        return trajectory;
    }

    /**
     * The JVM and processor: the same run gives the same bytes only on the same Java version and architecture
     * ({@code Math.exp}, {@code log} and {@code pow} may differ in the last digit between them).
     */
    private static Map<String, Object> platform() {
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("java_version", System.getProperty("java.version"));
        platform.put("java_vendor", System.getProperty("java.vendor"));
        platform.put("os_arch", System.getProperty("os.arch"));
        platform.put("os_name", System.getProperty("os.name"));
        return platform;
    }

    private void write(String name, String content) {
        try {
            AtomicFiles.write(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannotWrite(folder.resolve(name), e), e);
        }
    }
}
