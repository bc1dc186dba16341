package org.biasflow.run.internal;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceCatalog.Selected;
import org.biasflow.run.ServiceInfo;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

@Component(service = TrajectoryRunner.class, configurationPid = TrajectoryRunnerComponent.PID)
@Designate(ocd = RunDefaults.class)
public class TrajectoryRunnerComponent implements TrajectoryRunner {

    static final String PID = "org.biasflow.run";

    @Reference
    ServiceCatalog catalog;

    private volatile RunSettings defaults;

    /** Reads the configuration as given (text from a .cfg file) so that a bad value is named, not thrown later. */
    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        defaults = RunSettings.from(properties);
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
        Network network = GuardedServices.create(model, request.spec(), data.dimension());
        GuardedServices guards = new GuardedServices(model.info(), loss.info());
        FlowProblem problem = new FlowProblem(data, guards.guard(network), guards.guard(loss.service()),
                request.targets(), tolerances, request.options());

        AnalysisContext context = new AnalysisContext(data, request.model(), request.spec(), request.loss());
        List<ServiceInfo> analyzerInfos = new ArrayList<>();
        List<RunRecord.Measure> measures = new ArrayList<>();
        for (String name : catalog.names(Analyzer.class)) {
            Selected<Analyzer> analyzer = catalog.select(Analyzer.class, name);
            analyzerInfos.add(analyzer.info());
            measures.add(RunRecord.prepare(analyzer.info(), analyzer.service(), context));
        }

        Path output = request.output() != null ? request.output()
                : Path.of(settings.outputFolder(), "run-" + LocalDateTime.now().format(
                        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        List<Selected<?>> used = List.of(model, loss, integrator);
        RunRecord record = new RunRecord(output, data.dimension(), measures, new PointValues(data, problem.loss()),
                network.parameterCount(), request.parameters().writes(network.parameterCount()), new RunControl() {
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
                return listener.isCancelled() || departed(used) != null;
            }
        });

        long start = System.nanoTime();
        Trajectory trajectory;
        try {
            trajectory = integrator.service().integrate(problem, record);
        } catch (GuardedServices.ServiceFailure e) {
            trajectory = new Trajectory(Trajectory.Status.FAILED, e.getMessage(), record.checkpoints(), 0, 0, 0, 0);
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
            trajectory = new Trajectory(Trajectory.Status.FAILED, GuardedServices.describe(integrator.info())
                    + " failed: " + e, record.checkpoints(), 0, 0, 0, 0);
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        trajectory = explainFailure(trajectory, departed(used), record.writeFailure(), guards.firstNonFinite());

        Map<String, Object> services = new LinkedHashMap<>();
        services.put("model", describe(model.info()));
        services.put("loss", describe(loss.info()));
        services.put("integrator", describe(integrator.info()));
        services.put("analyzers", analyzerInfos.stream().map(TrajectoryRunnerComponent::describe).toList());
        record.finish(configuration(request, integrator.info().name(), tolerances), services,
                dataDescription(request.data(), loaded), trajectory, wallSeconds);
        return new RunOutcome(output, integrator.info(), trajectory, wallSeconds);
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
