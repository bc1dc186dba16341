package org.biasflow.run.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.Integrator;
import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.RunControl;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory;
import org.biasflow.data.Folders;
import org.biasflow.data.AtomicFiles;
import org.biasflow.data.DataFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.data.ShellText;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceCatalog.Selected;
import org.biasflow.run.Shard;
import org.biasflow.run.SweepListener;
import org.biasflow.run.SweepOutcome;
import org.biasflow.run.SweepRequest;
import org.biasflow.run.SweepRunner;
import org.biasflow.run.TrajectoryExecutor;
import org.biasflow.run.TrajectoryRunner;
import org.biasflow.run.internal.SweepPlan.Cell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

@Component(service = SweepRunner.class)
public class SweepRunnerComponent implements SweepRunner {

    static final String PARTIAL = ".partial-";

    /** How long the framework's stop waits for a sweep's running trajectories to end. */
    private static final long STOP_WAIT_SECONDS = 20;

    @Reference
    TrajectoryRunner runner;

    @Reference
    ServiceCatalog catalog;

    /** The cancel flag of each running sweep, with the threads running its trajectories. */
    private final Map<AtomicBoolean, ExecutorService> running = new ConcurrentHashMap<>();

    private BundleContext context;

    /** The sweeps still checking their grid, which makes each trajectory's network. */
    private final Set<ActiveRun> validating = ConcurrentHashMap.newKeySet();

    /** Set once the framework stops: a sweep that starts checking its grid after that is cancelled at once. */
    private volatile boolean stopping;

    /** How long a cancelled create() has to return while the grid is validated, before the sweep ends without it. */
    long abandonMillis = Watched.GRACE_MILLIS;

    /** At the start of the framework's stop, before the services trajectories use go away, sweeps stop. */
    private final SynchronousBundleListener frameworkStop = event -> {
        if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
            stopRunningSweeps();
        }
    };

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        context.addBundleListener(frameworkStop);
    }

    @Override
    public SweepOutcome sweep(SweepRequest request, SweepListener listener) {
        return sweep(request, listener, runner::run, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public SweepOutcome sweep(SweepRequest request, SweepListener listener, TrajectoryExecutor executor) {
        return sweep(request, listener, executor, Integer.MAX_VALUE);
    }

    /**
     * @param processors the most trajectories worth running at once: this machine's processors when they run here,
     *                   since each holds its own working memory (64 at once at N = 200, d = 2000 ran out of a 1 GB
     *                   heap) and more than one a processor goes no faster
     */
    private SweepOutcome sweep(SweepRequest request, SweepListener listener, TrajectoryExecutor executor,
            int processors) {
        long start = System.nanoTime();
        SweepPlan plan = validate(request, listener);
        Shard shard = request.shard();
        String command = shard == null ? "bf:sweep" : "bf:sweep --shard " + shard;
        SweepOutcome outcome;
        try (OutputFolder folder = OutputFolder.claim(request.output(),
                shard == null ? OutputFolder.Use.SWEEP : OutputFolder.Use.SHARD,
                shard == null ? FolderLock.MAIN : FolderLock.shardName(shard.index(), shard.count()),
                request.overwrite(), command, contents -> refusal(request, plan, contents))) {
            outcome = sweep(request, plan, folder, listener, executor, processors, start);
        }
        return shard == null || outcome.cancelled() ? outcome : mergeIfLast(request, outcome);
    }

    /**
     * The last shard to end merges: once its own lock is released, a shard that finds every trajectory recorded
     * and no other shard running writes sweep.csv. Of shards ending together, one may find the other still
     * running while the other finds the first merging; then neither merges, and the note says to run
     * bf:sweep-merge.
     */
    private SweepOutcome mergeIfLast(SweepRequest request, SweepOutcome outcome) {
        List<String> notes = new ArrayList<>(outcome.notes());
        String later = "when every shard is done, bf:sweep-merge --out " + ShellText.argument(request.output())
                + " writes sweep.csv";
        if (notes.remove(EVERY_TRAJECTORY_RECORDED)) {
            try {
                SweepOutcome merged = merge(request.output());
                notes.add("every shard is done: sweep.csv is written (" + merged.statuses().entrySet().stream()
                        .map(entry -> entry.getKey().replace('_', ' ') + " " + entry.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")) + " in the whole sweep)");
            } catch (IllegalStateException e) {
                notes.add(later + " (" + e.getMessage() + ")");
            }
        } else {
            notes.add(later);
        }
        return new SweepOutcome(outcome.output(), outcome.total(), outcome.finished(), outcome.problems(),
                outcome.cancelled(), outcome.wallSeconds(), outcome.statuses(), outcome.skipped(), notes,
                outcome.stopped());
    }

    private static final String EVERY_TRAJECTORY_RECORDED = "every trajectory of the sweep is recorded";

    /** Whether a sweep may work in a folder that already holds biasflow's files, and if not why. */
    private static String refusal(SweepRequest request, SweepPlan plan, OutputFolder.Contents contents) {
        Path out = request.output();
        String replace = "add --overwrite to replace it (the old one stays whole until the new sweep is complete),"
                + " or choose another --out";
        if (!contents.runFiles().isEmpty() && contents.sweepFiles().isEmpty()) {
            return out + " holds " + contents.describe() + ", not a sweep; " + replace;
        }
        SweepPlan existing = SweepPlan.read(contents.folder());
        if (existing == null) {
            return out + " holds a sweep without " + SweepPlan.FILE + " (from an earlier version of biasflow), so"
                    + " it cannot be told whether it is this sweep; " + replace;
        }
        if (!existing.manifest().equals(plan.manifest())) {
            if (request.resume() || request.shard() != null) {
                try {
                    DataFiles.requireRecorded(request.data(), plan.dataHash(), existing.dataHash(),
                            contents.folder().resolve(SweepPlan.FILE));
                } catch (IllegalArgumentException e) {
                    return e.getMessage() + ": the sweep in " + out + " can go on only with the data it was started"
                            + " on; " + replace;
                }
            }
            return out + " holds a different sweep (it differs in: "
                    + SweepPlan.differences(existing.manifest(), plan.manifest()) + "); " + replace;
        }
        if (request.resume() || request.shard() != null) {
            return null;
        }
        return out + " already holds this sweep; add --resume to complete it (finished trajectories are kept),"
                + " or --overwrite to run it again";
    }

    private SweepOutcome sweep(SweepRequest request, SweepPlan plan, OutputFolder folder, SweepListener listener,
            TrajectoryExecutor executor, int processors, long start) {
        Path root = folder.writeTo();
        Path runs = root.resolve("runs");
        Shard shard = request.shard();
        List<Cell> mine = shard == null ? plan.cells() : plan.slice(shard);
        List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(folder.notes());
        String dataHash = plan.dataHash();
        SweepTable table = new SweepTable(root, dataHash);
        List<Cell> todo = new ArrayList<>();
        try {
            // sweep.json first: a shard starting beside this one then finds either nothing or this sweep's json.
            writeManifest(root, plan, request.output());
            Files.createDirectories(runs);
            removePartialFolders(runs, mine);
            refuseStrangers(runs, plan, request.output());
            for (Cell cell : mine) {
                String notRecorded = table.load(cell);
                if (notRecorded != null) {
                    todo.add(cell);
                    if (Files.isDirectory(SweepTable.folder(root, cell))) {
                        notes.add("runs/" + cell.folderName() + " is run again: " + notRecorded);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("prepare", runs, e), e);
        }
        int skipped = mine.size() - todo.size();
        if (skipped > 0 && !request.resume()) {
            throw new IllegalStateException(request.output() + " already holds " + skipped + " of the "
                    + mine.size() + " trajectories of shard " + shard + "; add --resume to complete the shard");
        }
        if (request.resume() && folder.found().empty()) {
            notes.add("nothing to resume in " + request.output() + ": the whole sweep runs");
        }
        if (shard != null) {
            notes.add("shard " + shard + ": " + mine.size() + " of the sweep's " + plan.cells().size()
                    + " trajectories");
        }

        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger outOfMemory = new AtomicInteger();
        AtomicReference<String> stopReason = new AtomicReference<>();
        boolean interrupted = false;
        if (!todo.isEmpty()) {
            int threads = request.threads() == 0 ? Runtime.getRuntime().availableProcessors() : request.threads();
            if (threads > processors) {
                notes.add("--threads " + threads + " is more than this machine's " + processors
                        + (processors == 1 ? " processor: 1 trajectory runs" : " processors: " + processors
                                + " trajectories run")
                        + " at once, since each holds its own working memory and more would go no faster");
                threads = processors;
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()));
            running.put(cancel, pool);
            AtomicInteger done = new AtomicInteger();
            try {
                List<Future<?>> pending = new ArrayList<>();
                for (Cell cell : SweepPlan.mostCostlyFirst(todo)) {
                    pending.add(pool.submit(() -> {
                        try {
                            if (!cancel.get() && runCell(request, cell, runs, executor, cancel, dataHash)) {
                                String notRecorded = table.load(cell);
                                if (notRecorded == null) {
                                    if (shard == null) {
                                        table.refresh(plan.cells(), plan.settings());
                                    }
                                } else if (notRecorded.equals(SweepTable.OUT_OF_MEMORY)) {
                                    outOfMemory.incrementAndGet();
                                } else {
                                    stopItself(notRecorded, stopReason, cancel);
                                }
                                listener.trajectoryDone(done.incrementAndGet(), todo.size(),
                                        (System.nanoTime() - start) / 1e9);
                            }
                        } catch (UncheckedIOException | DataChanged e) {
                            stopItself(e.getMessage(), stopReason, cancel);
                        }
                    }));
                }
                interrupted = awaitAll(pending, cancel, listener, folder);
            } finally {
                pool.shutdown();
                running.remove(cancel);
            }
        }
        List<String> problems = new ArrayList<>();
        String stopped = stopReason.get() == null ? "" : stopReason.get() + ". The trajectories recorded before"
                + " are kept: " + (stopReason.get().contains(IoProblems.DISK_FULL) ? "once the output's file system"
                        + " has room" : "once that is put right") + ", run the command again (bf:sweep with --resume)";
        if (shard == null) {
            try {
                problems.addAll(table.write(plan.cells(), plan.settings()));
            } catch (UncheckedIOException e) {
                if (stopReason.get() == null) {
                    throw e;
                }
                notes.add(e.getMessage() + ": it lists the trajectories of the sweep before this one");
            }
        } else {
            plan.cells().forEach(table::load);
            if (table.count(plan.cells()) == plan.cells().size()) {
                notes.add(EVERY_TRAJECTORY_RECORDED);
            }
        }
        problems.addAll(table.problems(mine));
        if (outOfMemory.get() > 0) {
            notes.add(outOfMemory.get() + (outOfMemory.get() == 1 ? " trajectory" : " trajectories")
                    + " failed for want of memory (" + GuardedServices.heapLimit() + "), which says nothing of the"
                    + " trajectory, so it is not recorded: run the sweep again with --resume and a larger heap"
                    + " (java -Xmx…) or fewer --threads");
        }
        boolean cancelled = cancel.get() || table.count(mine) + outOfMemory.get() < mine.size();
        if (folder.replacing()) {
            if (cancelled) {
                notes.add(request.output() + " keeps the earlier content: this sweep was stopped before it was"
                        + " complete, and its trajectories are discarded");
            } else {
                folder.commit();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new SweepOutcome(folder.target(), mine.size(), table.count(mine), problems, cancelled,
                (System.nanoTime() - start) / 1e9, table.statuses(mine), skipped, notes, stopped);
    }

    @Override
    public SweepOutcome merge(Path out) {
        long start = System.nanoTime();
        if (!Files.isDirectory(out)) {
            throw new IllegalStateException(out + " is not a folder: there is no sweep to merge there");
        }
        try (OutputFolder folder = OutputFolder.claim(out, OutputFolder.Use.MERGE, FolderLock.MAIN, false,
                "bf:sweep-merge", contents -> null)) {
            Path root = folder.target();
            SweepPlan plan = SweepPlan.read(root);
            if (plan == null) {
                throw new IllegalStateException(out + " holds no sweep (no " + SweepPlan.FILE + ")");
            }
            SweepTable table = new SweepTable(root, plan.dataHash());
            Map<Cell, String> missing = new LinkedHashMap<>();
            for (Cell cell : plan.cells()) {
                String notRecorded = table.load(cell);
                if (notRecorded != null) {
                    missing.put(cell, notRecorded);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(out + " is not complete: " + missing.size() + " of "
                        + plan.cells().size() + " trajectories are missing or damaged: "
                        + describeMissing(root, plan, missing)
                        + "; run (or re-run with --resume) the shards named, then merge again");
            }
            removePartialFolders(root.resolve("runs"), plan.cells());
            List<String> problems = new ArrayList<>(table.write(plan.cells(), plan.settings()));
            problems.addAll(table.problems(plan.cells()));
            return new SweepOutcome(root, plan.cells().size(), plan.cells().size(), problems, false,
                    (System.nanoTime() - start) / 1e9, table.statuses(plan.cells()), 0,
                    folder.notes());
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("merge", out, e), e);
        }
    }

    /**
     * The missing trajectories by name, with the shard that runs each when the folder has seen shards, and for a
     * folder that is there, why it is no record.
     */
    private static String describeMissing(Path root, SweepPlan plan, Map<Cell, String> missing) {
        Set<Integer> counts = new HashSet<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(FolderLock.SHARD_PREFIX) && n.endsWith(FolderLock.SHARD_SUFFIX))
                    .forEach(n -> counts.add(Integer.parseInt(n.substring(n.lastIndexOf("-of-") + 4,
                            n.length() - FolderLock.SHARD_SUFFIX.length()))));
        } catch (IOException | NumberFormatException e) {
            // named without shards
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<Cell, String> entry : missing.entrySet().stream().limit(12).toList()) {
            Cell cell = entry.getKey();
            String name = "runs/" + cell.folderName();
            if (counts.size() == 1) {
                name += " (shard " + plan.shardOf(cell, counts.iterator().next()) + ")";
            }
            if (Files.isDirectory(SweepTable.folder(root, cell))) {
                name += " (" + entry.getValue() + ")";
            }
            names.add(name);
        }
        return String.join(", ", names) + (missing.size() > 12 ? " and " + (missing.size() - 12) + " more" : "");
    }

    /** Everything that can be wrong with the request is found here, before any file is written. */
    private SweepPlan validate(SweepRequest request, SweepListener listener) {
        Map<String, Object> defaults = runner.defaults();
        if (defaults.containsKey(RunSettings.PROBLEM)) {
            throw new IllegalArgumentException("the run defaults cannot be used: " + defaults.get(RunSettings.PROBLEM));
        }
        DataSet data = DataFiles.read(request.data());
        Map<String, Selected<Model>> models = new LinkedHashMap<>();
        for (String name : request.modelNames()) {
            models.put(name, catalog.select(Model.class, name));
        }
        catalog.select(Loss.class, request.loss());
        String integratorName = request.integrator() != null ? request.integrator()
                : String.valueOf(defaults.get(RunSettings.INTEGRATOR));
        Selected<Integrator> integrator = catalog.select(Integrator.class, integratorName);
        checkOptions(request, models, integrator);
        RunChecks.separable(data, request.targets());
        Tolerances configured = new Tolerances(number(defaults.get(RunSettings.RELATIVE_TOLERANCE)),
                number(defaults.get(RunSettings.ABSOLUTE_TOLERANCE)));
        SweepPlan.Models networks = new SweepPlan.Models() {
            @Override
            public boolean reads(String model, String key) {
                return RunChecks.reads(catalog, key, models.get(model), integrator);
            }

            @Override
            public Network network(String model, ModelSpec spec) {
                RunChecks.scale(spec.alpha(), spec.depth(), data);
                return GuardedServices.create(models.get(model), spec, data.dimension());
            }
        };
        // Each trajectory's network is made here, so a create() that never returns is left as a run leaves it.
        ActiveRun validation = new ActiveRun();
        SweepPlan plan;
        validating.add(validation);
        if (stopping) {
            validation.cancel(TrajectoryRunnerComponent.SHUTDOWN); // a stop that began before it was listed
        }
        try {
            plan = Watched.call("the check of the sweep's grid",
                    () -> SweepPlan.of(request, data, integratorName, configured, networks), validation,
                    abandonMillis, () -> listener.isCancelled() && validation.cancel("cancelled by its caller"),
                    context);
        } finally {
            validating.remove(validation);
        }
        for (Cell cell : plan.cells()) {
            RunChecks.options(catalog, cell.options(), models.get(cell.model()), integrator);
        }
        return plan;
    }

    /**
     * Every value of every option fits its declared type, and every key is read by some model of the sweep (or its
     * integrator or the engine); for one model, the refusal is bf:run's.
     */
    private void checkOptions(SweepRequest request, Map<String, Selected<Model>> models,
            Selected<Integrator> integrator) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.options().forEach((key, value) -> values.put(key, List.of(value)));
        values.putAll(request.optionValues());
        values.forEach((key, list) -> {
            List<Selected<Model>> readers = models.values().stream()
                    .filter(model -> RunChecks.reads(catalog, key, model, integrator)).toList();
            if (readers.isEmpty() && models.size() == 1) {
                RunChecks.options(catalog, Map.of(key, list.get(0)), models.values().iterator().next(), integrator);
            }
            if (readers.isEmpty()) {
                throw new IllegalArgumentException("option '" + key + "' is read by no service of this sweep (models "
                        + String.join(", ", models.keySet()) + ", integrator '" + integrator.info().name()
                        + "'); the options they accept are " + RunChecks.accepted(catalog, models.values(),
                                integrator));
            }
            for (String value : list) {
                for (Selected<Model> model : readers) {
                    RunChecks.options(catalog, Map.of(key, value), model, integrator);
                }
            }
        });
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * Stops the sweep for {@code reason}, unless it already stops for an earlier one: a trajectory's files could not
     * be written or read back whole, or it read other data than the sweep's. The ones after it would fail the same
     * way (a full disk, a folder gone, the new data), so the sweep stops as if cancelled, keeping what is recorded,
     * and says why.
     */
    private static void stopItself(String reason, AtomicReference<String> first, AtomicBoolean cancel) {
        first.compareAndSet(null, reason);
        cancel.set(true);
    }

    /** Why the sweep stops of itself where no file failed: the data file changed under it. */
    private static final class DataChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataChanged(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs one trajectory into its partial folder and, once it has ended by itself, renames that to its own
     * folder. A cancelled trajectory leaves nothing and stops the sweep; one whose record cannot be written leaves
     * nothing either, and the failure propagates; so does one that read other data than the sweep's, the data file
     * having been rewritten while the sweep ran ({@link DataChanged}): recorded, it would mix two data sets.
     *
     * @return whether the trajectory was recorded
     */
    private boolean runCell(SweepRequest request, Cell cell, Path runs, TrajectoryExecutor executor,
            AtomicBoolean cancel, String dataHash) {
        Path partial = runs.resolve(PARTIAL + cell.folderName());
        Path finished = runs.resolve(cell.folderName());
        RunOutcome outcome;
        try {
            outcome = executor.run(cell.request(request, partial), new RunControl() {
                @Override
                public void checkpoint(Checkpoint checkpoint) {
                }

                @Override
                public boolean isCancelled() {
                    return cancel.get();
                }
            });
        } catch (CancellationException e) {
            cancel.set(true); // cancelled before it started: its model's create() did not return
            return false;
        } catch (UncheckedIOException e) {
            try {
                Folders.deleteTree(partial); // its record could not be written: what is there is none, and takes room
            } catch (IOException ignored) {
                // the failure to write is what the sweep reports; a partial folder left is removed by --resume
            }
            throw e;
        }
        try {
            if (outcome.trajectory().status() == Trajectory.Status.CANCELLED) {
                cancel.set(true);
                Folders.deleteTree(partial);
                return false;
            }
            String read = SweepTable.dataHash(partial);
            if (read != null && !read.equals(dataHash)) {
                Folders.deleteTree(partial);
                throw new DataChanged(request.data() + " changed while the sweep ran: " + cell.folderName()
                        + " read data whose SHA-256 begins " + SweepTable.begin(read) + ", not "
                        + SweepTable.begin(dataHash)
                        + " as the sweep's, so that trajectory is not recorded");
            }
            Folders.deleteTree(finished);
            Files.move(partial, finished, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("record", finished, e), e);
        }
        return true;
    }

    /**
     * Waits until every trajectory has ended, cancelling them all when the listener, a cancel request in the folder
     * or an interrupt of this thread (Ctrl-C at the prompt) asks to; cancelled trajectories still end properly.
     *
     * @return whether this thread was interrupted (its flag is cleared, for the files still to be written)
     */
    private static boolean awaitAll(List<Future<?>> pending, AtomicBoolean cancel, SweepListener listener,
            OutputFolder folder) {
        boolean interrupted = false;
        for (Future<?> future : pending) {
            while (true) {
                try {
                    future.get(100, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (listener.isCancelled() || folder.cancelRequested()) {
                        cancel.set(true);
                    }
                } catch (InterruptedException e) {
                    cancel.set(true);
                    interrupted = true;
                } catch (ExecutionException e) {
                    cancel.set(true);
                    Throwable cause = e.getCause();
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    throw cause instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("a trajectory of the sweep failed: " + cause, cause);
                }
            }
        }
        return interrupted;
    }

    @Override
    public int cancelAll() {
        int count = 0;
        for (AtomicBoolean cancel : running.keySet()) {
            if (!cancel.getAndSet(true)) {
                count++;
            }
        }
        for (ActiveRun validation : validating) {
            if (validation.cancel("cancelled by bf:cancel")) {
                count++;
            }
        }
        return count;
    }

    /**
     * On shutdown (Ctrl-C included), cancelled trajectories get a moment to remove their partial folders, and a sweep
     * checking its grid a moment to end.
     */
    @Deactivate
    void stopRunningSweeps() {
        stopping = true;
        if (context != null) {
            context.removeBundleListener(frameworkStop);
        }
        validating.forEach(validation -> validation.cancel(TrajectoryRunnerComponent.SHUTDOWN));
        cancelAll();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        try {
            for (ExecutorService pool : running.values()) {
                pool.shutdown();
                pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            // a sweep still checking its grid ends within its grace, and its command then says why
            while (!validating.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * sweep.json, written when the folder has none, else checked: shards that start together race to write it, and
     * the first to publish it ({@link AtomicFiles#writeNew}) decides the folder's sweep.
     */
    private static void writeManifest(Path root, SweepPlan plan, Path out) throws IOException {
        Path file = root.resolve(SweepPlan.FILE);
        if (!Files.exists(file)) {
            try {
                AtomicFiles.writeNew(file, plan.manifest());
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process of the sweep was first: checked below
            }
        }
        String found = Files.readString(file);
        if (!found.equals(plan.manifest())) {
            throw new IllegalStateException(out + " holds a different sweep, started at the same time (it differs"
                    + " in: " + SweepPlan.differences(found, plan.manifest()) + "); choose another --out");
        }
    }

    /** Trajectory folders that are not of this sweep's grid: the folder is not this sweep's alone. */
    private static void refuseStrangers(Path runs, SweepPlan plan, Path out) throws IOException {
        Set<String> names = new HashSet<>();
        plan.cells().forEach(cell -> names.add(cell.folderName()));
        List<String> strangers;
        try (Stream<Path> children = Files.list(runs)) {
            strangers = children.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(PARTIAL) && !names.contains(n)).sorted().toList();
        }
        if (!strangers.isEmpty()) {
            throw new IllegalStateException(out + "/runs holds trajectories that are not of this sweep ("
                    + String.join(", ", strangers.subList(0, Math.min(5, strangers.size())))
                    + (strangers.size() > 5 ? " and " + (strangers.size() - 5) + " more" : "")
                    + "); add --overwrite to replace the folder, or choose another --out");
        }
    }

    /** Partial folders of these trajectories, left by a process that was killed. */
    private static void removePartialFolders(Path runs, List<Cell> cells) throws IOException {
        for (Cell cell : cells) {
            Folders.deleteTree(runs.resolve(PARTIAL + cell.folderName()));
        }
    }
}
