package org.biasflow.run.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.Integrator;
import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.RunControl;
import org.biasflow.api.Trajectory;
import org.biasflow.data.AtomicFiles;
import org.biasflow.data.DataFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceCatalog.Selected;
import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.SweepRunner;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

@Component(service = SweepRunner.class)
public class SweepRunnerComponent implements SweepRunner {

    private static final String PARTIAL = ".partial-";

    @Reference
    TrajectoryRunner runner;

    @Reference
    ServiceCatalog catalog;

    /** The cancel flag of each running sweep, with the threads running its trajectories. */
    private final Map<AtomicBoolean, ExecutorService> running = new ConcurrentHashMap<>();

    /** One trajectory of the grid, with its place in the row order. */
    private record Cell(int index, double alpha, int depth) {
        String folderName() {
            return "alpha=" + alpha + "_depth=" + depth;
        }
    }

    /** The recorded rows of finished trajectories, by grid index, and the file they are written to. */
    private final class Table {
        private final Path file;
        private final Map<Integer, List<String>> rowsByCell = new TreeMap<>();
        private String header;
        private final List<String> problems = new ArrayList<>();
        private int done;

        Table(Path file) {
            this.file = file;
        }

        synchronized int add(Cell cell, RunOutcome outcome, Path folder) {
            List<String> lines = readLines(folder.resolve("checkpoints.csv"));
            String prefix = cell.alpha() + "," + cell.depth() + ","
                    + outcome.trajectory().status().name().toLowerCase(java.util.Locale.ROOT) + ",";
            String columns = "alpha,depth,status," + lines.get(0);
            if (header == null) {
                header = columns;
            }
            if (!header.equals(columns)) {
                problems.add(cell.folderName() + ": its columns differ from the other trajectories' (an analyzer"
                        + " came or went during the sweep); see its own checkpoints.csv");
            } else {
                rowsByCell.put(cell.index(), lines.subList(1, lines.size()).stream().map(r -> prefix + r).toList());
            }
            if (outcome.trajectory().status() != Trajectory.Status.COMPLETED) {
                problems.add(cell.folderName() + ": " + outcome.trajectory().status().name().toLowerCase(
                        java.util.Locale.ROOT) + ": " + outcome.trajectory().message());
            }
            StringBuilder text = new StringBuilder(header).append('\n');
            rowsByCell.values().forEach(rows -> rows.forEach(row -> text.append(row).append('\n')));
            try {
                AtomicFiles.write(file, text.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(IoProblems.cannotWrite(file, e), e);
            }
            return ++done;
        }
    }

    @Override
    public SweepOutcome sweep(SweepRequest request, SweepListener listener) {
        List<Cell> cells = validate(request);
        Path runs = request.output().resolve("runs");
        try {
            Files.createDirectories(runs);
            removePartialFolders(runs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + runs + ": " + IoProblems.reason(e), e);
        }
        Table table = new Table(request.output().resolve("sweep.csv"));
        AtomicBoolean cancel = new AtomicBoolean();
        int threads = request.threads() == 0 ? Runtime.getRuntime().availableProcessors() : request.threads();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, cells.size()));
        running.put(cancel, pool);
        long start = System.nanoTime();
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (Cell cell : cells) {
                pending.add(pool.submit(() -> {
                    if (!cancel.get()) {
                        runCell(request, cell, runs, table, cancel, listener, start);
                    }
                }));
            }
            awaitAll(pending, cancel, listener);
        } finally {
            pool.shutdownNow();
            running.remove(cancel);
        }
        synchronized (table) {
            return new SweepOutcome(request.output(), cells.size(), table.done, table.problems, cancel.get(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Everything that can be wrong with the request is found here, before any file is written. */
    private List<Cell> validate(SweepRequest request) {
        Map<String, Object> defaults = runner.defaults();
        if (defaults.containsKey(RunSettings.PROBLEM)) {
            throw new IllegalArgumentException("the run defaults cannot be used: " + defaults.get(RunSettings.PROBLEM));
        }
        DataSet data = DataFiles.read(request.data());
        Selected<Model> model = catalog.select(Model.class, request.model());
        catalog.select(Loss.class, request.loss());
        RunChecks.options(catalog, request.options(), model, catalog.select(Integrator.class,
                request.integrator() != null ? request.integrator() : String.valueOf(defaults.get(RunSettings.INTEGRATOR))));
        RunChecks.separable(data, request.targets());
        List<Cell> cells = new ArrayList<>();
        for (double alpha : request.alphas()) {
            for (int depth : request.depths()) {
                RunChecks.scale(alpha, depth, data);
                GuardedServices.create(model, ModelSpec.of(depth, alpha), data.dimension());
                cells.add(new Cell(cells.size(), alpha, depth));
            }
        }
        return cells;
    }

    private void runCell(SweepRequest request, Cell cell, Path runs, Table table, AtomicBoolean cancel,
            SweepListener listener, long start) {
        Path partial = runs.resolve(PARTIAL + cell.folderName());
        Path finished = runs.resolve(cell.folderName());
        RunOutcome outcome = runner.run(new RunRequest(request.data(), request.model(),
                ModelSpec.of(cell.depth(), cell.alpha()), request.loss(), request.targets(), partial,
                request.integrator(), request.options()), new RunControl() {
                    @Override
                    public void checkpoint(Checkpoint checkpoint) {
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancel.get();
                    }
                });
        try {
            if (outcome.trajectory().status() == Trajectory.Status.CANCELLED && cancel.get()) {
                deleteTree(partial);
                return;
            }
            deleteTree(finished);
            Files.move(partial, finished, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + finished + ": " + IoProblems.reason(e), e);
        }
        int done = table.add(cell, outcome, finished);
        listener.trajectoryDone(done, request.alphas().size() * request.depths().size(),
                (System.nanoTime() - start) / 1e9);
    }

    private static void awaitAll(List<Future<?>> pending, AtomicBoolean cancel, SweepListener listener) {
        for (Future<?> future : pending) {
            while (true) {
                try {
                    future.get(100, TimeUnit.MILLISECONDS);
                    break;
                } catch (java.util.concurrent.TimeoutException e) {
                    if (listener.isCancelled()) {
                        cancel.set(true);
                    }
                } catch (InterruptedException e) {
                    cancel.set(true);
                    Thread.currentThread().interrupt();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    cancel.set(true);
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("a trajectory of the sweep failed: " + cause, cause);
                }
            }
        }
    }

    @Override
    public int cancelAll() {
        int count = 0;
        for (AtomicBoolean cancel : running.keySet()) {
            if (!cancel.getAndSet(true)) {
                count++;
            }
        }
        return count;
    }

    /** On shutdown (Ctrl-C included), cancelled trajectories get a moment to remove their partial folders. */
    @Deactivate
    void stopRunningSweeps() throws InterruptedException {
        cancelAll();
        for (ExecutorService pool : running.values()) {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void removePartialFolders(Path runs) throws IOException {
        try (Stream<Path> children = Files.list(runs)) {
            for (Path child : children.filter(p -> p.getFileName().toString().startsWith(PARTIAL)).toList()) {
                deleteTree(child);
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
