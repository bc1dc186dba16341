package org.biasflow.run.internal;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.Analyzer;
import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Integrator;
import org.biasflow.api.Loss;
import org.biasflow.api.Model;
import org.biasflow.api.Network;
import org.biasflow.api.RunControl;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory;
import org.biasflow.data.DataFiles;
import org.biasflow.data.LoadedData;
import org.biasflow.data.ShellText;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceCatalog.Selected;
import org.biasflow.run.ServiceInfo;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

@Component(service = TrajectoryRunner.class, configurationPid = TrajectoryRunnerComponent.PID)
@Designate(ocd = RunDefaults.class)
public class TrajectoryRunnerComponent implements TrajectoryRunner {

    static final String PID = "org.biasflow.run";

    @Reference
    ServiceCatalog catalog;

    /** Why a run stopped when the program is stopping (SIGINT, SIGTERM, SIGHUP, the framework shut down). */
    static final String SHUTDOWN = "cancelled: the program is stopping (Ctrl-C, SIGINT, SIGTERM or SIGHUP, or its"
            + " framework shut down)";

    /** How long the framework's stop waits for runs to write their records. */
    private static final long STOP_WAIT_MILLIS = 20_000;

    /** How long a cancelled flow or create() has to return before the run ends without it. */
    long abandonMillis = Watched.GRACE_MILLIS;

    private volatile RunSettings defaults;

    /** The runs now going on, each with its cancel reason once it has one. */
    private final Set<ActiveRun> active = ConcurrentHashMap.newKeySet();

    private volatile boolean stopping;

    private BundleContext context;

    /**
     * At the start of the framework's stop, before any bundle stops (and with it the model or loss a run uses),
     * every run is cancelled and the stop waits until each has written its record.
     */
    private final SynchronousBundleListener frameworkStop = event -> {
        if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
            stopAll();
        }
    };

    /** Reads the configuration as given (text from a .cfg file) so that a bad value is named, not thrown later. */
    @Activate
    void activate(Map<String, Object> properties, BundleContext bundleContext) {
        configure(properties);
        context = bundleContext;
        context.addBundleListener(frameworkStop);
    }

    @Modified
    void configure(Map<String, Object> properties) {
        defaults = RunSettings.from(properties);
    }

    @Deactivate
    void deactivate() {
        if (context != null) {
            context.removeBundleListener(frameworkStop);
        }
        stopAll();
    }

    /** Cancels every run, refuses new ones, and waits (bounded) until each running one has written its record. */
    void stopAll() {
        stopping = true;
        active.forEach(run -> run.cancel(SHUTDOWN));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        while (!active.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public int cancelAll() {
        int count = 0;
        for (ActiveRun run : active) {
            if (run.cancel("cancelled by bf:cancel")) {
                count++;
            }
        }
        return count;
    }

    @Override
    public List<String> cancel(Path folder) {
        return OutputFolder.requestCancel(folder);
    }

    @Override
    public List<String> workingIn(Path folder) {
        return OutputFolder.holders(folder.toAbsolutePath().normalize());
    }

    @Override
    public Map<String, Object> defaults() {
        RunSettings current = defaults;
        Map<String, Object> shown = new LinkedHashMap<>(current.values());
        if (current.problem() != null) {
            shown.put(RunSettings.PROBLEM, current.problem());
        }
        return shown;
    }

    @Override
    public RunOutcome run(RunRequest request, RunControl listener) {
        RunSettings settings = defaults;
        settings.requireValid();
        Selected<Model> model = catalog.select(Model.class, request.model());
        Selected<Loss> loss = catalog.select(Loss.class, request.loss());
        Selected<Integrator> integrator = catalog.select(Integrator.class,
                request.integrator() == null ? settings.integrator() : request.integrator());
        RunChecks.options(catalog, request.options(), model, integrator);
        Tolerances tolerances = RunChecks.tolerances(request.options(), settings.relativeTolerance(),
                settings.absoluteTolerance());
        LoadedData loaded = DataFiles.load(request.data());
        DataSet data = loaded.data();
        RunChecks.scale(request.spec().alpha(), request.spec().depth(), data);
        RunChecks.separable(data, request.targets());
        ActiveRun run = new ActiveRun();
        if (stopping) {
            run.cancel(SHUTDOWN);
        }
        active.add(run);
        try {
            Network network = Watched.call("create() of " + GuardedServices.describe(model.info()),
                    () -> GuardedServices.create(model, request.spec(), data.dimension()), run, abandonMillis,
                    () -> stopRequested(run, listener, null, List.of(model)), context);
            GuardedServices guards = new GuardedServices(model.info(), loss.info());
            FlowProblem problem = new FlowProblem(data, guards.guard(network), guards.guard(loss.service()),
                    request.targets(), tolerances, request.options());

            AnalysisContext context = new AnalysisContext(data, request.model(), request.spec(), request.loss());
            List<Selected<Analyzer>> analyzers = catalog.names(Analyzer.class).stream()
                    .map(name -> catalog.select(Analyzer.class, name)).toList();

            Path output = request.output() != null ? request.output()
                    : Path.of(settings.outputFolder(), "run-" + LocalDateTime.now().format(
                            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
            try (OutputFolder folder = OutputFolder.claim(output, OutputFolder.Use.RUN, FolderLock.MAIN,
                    request.overwrite(), "bf:run", contents -> OutputFolder.runRefusal(output, contents))) {
                return run(new Prepared(request, tolerances, model, loss, integrator, loaded, network, problem,
                        guards, analyzers, context), folder, run, listener);
            }
        } finally {
            active.remove(run);
        }
    }

    /** A request checked and its services, data and analyzers at hand, before anything is written. */
    private record Prepared(RunRequest request, Tolerances tolerances, Selected<Model> model, Selected<Loss> loss,
            Selected<Integrator> integrator, LoadedData loaded, Network network, FlowProblem problem,
            GuardedServices guards, List<Selected<Analyzer>> analyzers, AnalysisContext analysisContext) {

        DataSet data() {
            return loaded.data();
        }
    }

    private RunOutcome run(Prepared prepared, OutputFolder folder, ActiveRun run, RunControl listener) {
        Selected<Integrator> integrator = prepared.integrator();
        List<Selected<?>> used = List.of(prepared.model(), prepared.loss(), integrator);
        int parameterCount = prepared.network().parameterCount();
        RunRecord record = new RunRecord(folder.writeTo(), prepared.data().dimension(),
                RunRecord.prepareAside(prepared.analyzers(), prepared.analysisContext(), folder.target().toString()),
                new PointValues(prepared.data(), prepared.problem().loss()), parameterCount,
                prepared.request().parameters().writes(parameterCount), new RunControl() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                listener.checkpoint(checkpoint);
            }

            @Override
            public void progress(double log10Loss) {
                listener.progress(log10Loss);
            }

            @Override
            public boolean isCancelled() {
                return stopRequested(run, listener, folder, used);
            }
        });

        long start = System.nanoTime();
        Trajectory trajectory = follow(integrator, prepared.problem(), record, run,
                () -> stopRequested(run, listener, folder, used));
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        if (run.reason() != null && trajectory.status() != Trajectory.Status.COMPLETED) {
            trajectory = cancelled(trajectory, run.reason(), record.checkpoints().size());
        } else {
            trajectory = explainFailure(trajectory, departed(used), record.writeFailure(),
                    prepared.guards().firstNonFinite());
        }

        if (prepared.guards().outOfMemory()) {
            record.outOfMemory();
        }
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("model", describe(prepared.model().info()));
        services.put("loss", describe(prepared.loss().info()));
        services.put("integrator", describe(integrator.info()));
        services.put("analyzers", prepared.analyzers().stream().map(analyzer -> describe(analyzer.info())).toList());
        trajectory = record.finish(configuration(prepared.request(), integrator.info().name(), prepared.tolerances()),
                services, dataDescription(prepared.request().data(), prepared.loaded()), trajectory, wallSeconds);
        folder.commit();
        return new RunOutcome(folder.target(), integrator.info(), trajectory, wallSeconds, folder.notes());
    }

    /**
     * Whether the run is to stop, recording why in {@code run} the first time; {@code folder} is null before it is
     * claimed.
     */
    private boolean stopRequested(ActiveRun run, RunControl listener, OutputFolder folder, List<Selected<?>> used) {
        if (run.reason() != null) {
            return true;
        }
        if (listener.isCancelled()) {
            run.cancel(Thread.currentThread().isInterrupted() ? "cancelled: the command was interrupted"
                    : "cancelled by its caller");
            return true;
        }
        if (folder != null && folder.cancelRequested()) {
            run.cancel("cancelled by bf:cancel --out " + ShellText.argument(folder.target()));
            return true;
        }
        return departed(used) != null;
    }

    /**
     * The integrator's trajectory, followed on a thread of its own while this one watches for a request to stop
     * ({@link Watched}). A flow that has not returned {@link #abandonMillis} after its run was cancelled (a model,
     * loss, analyzer or integrator in an endless loop) is left: its record is closed to it and the run ends, naming
     * where the flow is, so that the command, bf:cancel and Ctrl-C still end.
     */
    private Trajectory follow(Selected<Integrator> integrator, FlowProblem problem, RunRecord record, ActiveRun run,
            BooleanSupplier stopRequested) {
        Watched<Trajectory> flow = new Watched<>("biasflow flow", () -> integrate(integrator, problem, record));
        try {
            Trajectory trajectory = flow.await(run, abandonMillis, stopRequested);
            if (trajectory != null) {
                return trajectory;
            }
        } catch (ExecutionException e) {
            return new Trajectory(Trajectory.Status.FAILED, GuardedServices.describe(integrator.info()) + " failed: "
                    + e.getCause(), record.checkpoints(), 0, 0, 0, 0);
        }
        record.close();
        return new Trajectory(Trajectory.Status.CANCELLED, "the flow did not return within " + abandonMillis / 1000
                + " s: it is " + Watched.where(flow.worker(), context) + ", and is left running",
                record.checkpoints(), 0, 0, 0, 0);
    }

    private static Trajectory integrate(Selected<Integrator> integrator, FlowProblem problem, RunRecord record) {
        try {
            return integrator.service().integrate(problem, record);
        } catch (GuardedServices.ServiceFailure e) {
            return new Trajectory(Trajectory.Status.FAILED, e.getMessage(), record.checkpoints(), 0, 0, 0, 0);
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
            if (e instanceof OutOfMemoryError) {
                record.outOfMemory();
            }
            return new Trajectory(Trajectory.Status.FAILED, GuardedServices.describe(integrator.info())
                    + " failed: " + e, record.checkpoints(), 0, 0, 0, 0);
        }
    }

    /**
     * A run stopped by a cancellation: CANCELLED, saying why and where, whatever the integrator made of it, and how
     * many checkpoints the run's files keep (an integrator's trajectory need not list those it reported).
     */
    private static Trajectory cancelled(Trajectory trajectory, String reason, int reached) {
        String where = trajectory.message() == null || trajectory.message().isEmpty() ? ""
                : "; " + trajectory.message().replaceFirst("^cancelled ", "stopped ");
        return new Trajectory(Trajectory.Status.CANCELLED,
                reason + where + "; " + RunRecord.checkpointsKept(reached, "reached"), trajectory.checkpoints(),
                trajectory.evaluations(), trajectory.jacobians(), trajectory.steps(), trajectory.rejectedSteps());
    }

    /** The first service of the run that is no longer registered (its bundle stopped or left), or null. */
    private ServiceInfo departed(List<Selected<?>> used) {
        for (Selected<?> selected : used) {
            if (!catalog.isRegistered(selected.service())) {
                return selected.info();
            }
        }
        return null;
    }

    private static Trajectory explainFailure(Trajectory trajectory, ServiceInfo departed, String writeFailure,
            String nonFinite) {
        if (writeFailure != null && trajectory.status() != Trajectory.Status.COMPLETED) {
            // The integrator saw only a RuntimeException from its control and blamed the model or loss.
            return new Trajectory(Trajectory.Status.FAILED, writeFailure + "; the checkpoints written before are"
                    + " kept", trajectory.checkpoints(), trajectory.evaluations(), trajectory.jacobians(),
                    trajectory.steps(), trajectory.rejectedSteps());
        }
        String cause = null;
        if (departed != null && trajectory.status() != Trajectory.Status.COMPLETED) {
            cause = GuardedServices.describe(departed) + " went away during the run (its bundle was stopped or"
                    + " removed); the checkpoints reached are kept";
        } else if (nonFinite != null && trajectory.status() == Trajectory.Status.FAILED) {
            cause = nonFinite;
        }
        if (cause == null) {
            return trajectory;
        }
        String message = trajectory.message() == null || trajectory.message().isEmpty() ? cause
                : cause + "; " + trajectory.message();
        return new Trajectory(Trajectory.Status.FAILED, message, trajectory.checkpoints(), trajectory.evaluations(),
                trajectory.jacobians(), trajectory.steps(), trajectory.rejectedSteps());
    }

    private static Map<String, Object> configuration(RunRequest request, String integrator, Tolerances tolerances) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", request.data().toString());
        config.put("model", request.model());
        config.put("depth", request.spec().depth());
        config.put("alpha", request.spec().alpha());
        config.put("shape", request.spec().shape());
        config.put("negative_shape", request.spec().negativeShape());
        config.put("seed", request.spec().seed());
        config.put("model_options", request.spec().options());
        config.put("loss", request.loss());
        config.put("integrator", integrator);
        config.put("targets", request.targets().stream().map(t -> t.text()).toList());
        config.put("relative_tolerance", tolerances.relative());
        config.put("absolute_tolerance", tolerances.absolute());
        config.put("options", request.options());
        config.put("parameters", request.parameters().label());
        return config;
    }

    private static Map<String, Object> dataDescription(Path file, LoadedData loaded) {
        DataSet data = loaded.data();
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("file", file.toAbsolutePath().toString());
        description.put("points", data.size());
        description.put("features", data.dimension());
        description.put("sha256", DataFiles.hash(data));
        description.put("header", loaded.header());
        return description;
    }

    private static Map<String, Object> describe(ServiceInfo info) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", info.name());
        described.put("bundle", info.bundle());
        described.put("version", info.version());
        described.put("description", info.description());
        return described;
    }
}
