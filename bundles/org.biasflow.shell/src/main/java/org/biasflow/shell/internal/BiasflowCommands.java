package org.biasflow.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Trajectory;
import org.biasflow.data.AtomicFiles;
import org.biasflow.data.DataFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.data.OutputFiles;
import org.biasflow.data.GeneratedData;
import org.biasflow.data.SyntheticData;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunOutcome;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceInfo;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code bf:} commands. Each returns its result as text (so {@code -c} and scripts print it) and throws
 * with a message naming the problem when it fails, which makes the launcher exit non-zero.
 */
@Component(service = BiasflowCommands.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=services",
        "osgi.command.function=run",
        "osgi.command.function=data",
        "osgi.command.function=defaults" })
public class BiasflowCommands {

    @Reference
    ServiceCatalog catalog;

    @Reference
    TrajectoryRunner runner;

    @Descriptor("list every registered model, loss, integrator and analyzer with its bundle and version")
    public String services() {
        TextTable table = new TextTable("KIND", "NAME", "BUNDLE", "VERSION", "DESCRIPTION");
        for (ServiceInfo service : catalog.services()) {
            table.row(service.kind(), service.name(), service.bundle(), service.version(), service.description());
        }
        return table.toString();
    }

    @Descriptor("show the defaults bf:run uses (set them with an org.biasflow.run.cfg file in the drop-in folder)")
    public String defaults() {
        TextTable table = new TextTable("SETTING", "VALUE");
        runner.defaults().forEach((key, value) -> table.row(key, String.valueOf(value)));
        return table.toString();
    }

    @Descriptor("run one gradient-flow trajectory and write checkpoints.csv, points.csv, parameters.csv and run.json"
            + " (docs/outputs.md defines every column) into --out, which it locks while it runs; a folder holding"
            + " another run's or sweep's files is refused unless --overwrite. Ctrl-C, SIGTERM or bf:cancel --out DIR"
            + " end it as cancelled, with its record and the checkpoints reached. A run longer than a second shows"
            + " its progress: a line in place on a terminal, a line per checkpoint (at most two a second) otherwise")
    public String run(
            @Descriptor(Arguments.DATA_HELP)
            @Parameter(names = "--data", absentValue = "") String data,
            @Descriptor("model service name (default diagonal); bf:services describes each model and its"
                    + " initialization")
            @Parameter(names = "--model", absentValue = "diagonal") String model,
            @Descriptor("network depth D (default 2)")
            @Parameter(names = "--depth", absentValue = "2") int depth,
            @Descriptor("initialization scale alpha > 0 (default 1)")
            @Parameter(names = "--alpha", absentValue = "1") double alpha,
            @Descriptor("loss service name (default exponential)")
            @Parameter(names = "--loss", absentValue = "exponential") String loss,
            @Descriptor(Arguments.TARGETS_HELP + " (default 1e-1,1e-10,1e-100)")
            @Parameter(names = "--eps", absentValue = "1e-1,1e-10,1e-100") String eps,
            @Descriptor("output folder (default: a new folder under the configured output folder); it must be new,"
                    + " empty, or given with --overwrite")
            @Parameter(names = "--out", absentValue = "") String out,
            @Descriptor("replace the run or sweep already in --out; the old one stays whole until the new run has"
                    + " written its record (a folder holding files biasflow did not write is never replaced)")
            @Parameter(names = "--overwrite", presentValue = "true", absentValue = "false") boolean overwrite,
            @Descriptor("integrator service name (default: the configured one)")
            @Parameter(names = "--integrator", absentValue = "") String integrator,
            @Descriptor("initialization shape u: one value, or one per feature, comma-separated (diagonal:"
                    + " w+(0) = w-(0) = alpha*u)")
            @Parameter(names = "--shape", absentValue = "") String shape,
            @Descriptor("shape of the negative weights for an unbalanced initialization: one value, or one per"
                    + " feature (diagonal: w-(0) = alpha*u-; default: w-(0) = w+(0))")
            @Parameter(names = "--negative-shape", absentValue = "") String negativeShape,
            @Descriptor("seed for models with a random initialization (default 0)")
            @Parameter(names = "--seed", absentValue = "0") long seed,
            @Descriptor("integrator or model options, comma-separated key=value pairs, e.g. step=0.5; a key no"
                    + " service of the run reads is refused, naming the accepted ones")
            @Parameter(names = "--options", absentValue = "") String options,
            @Descriptor("write parameters.csv, the network's parameters w at each checkpoint: all, none, or auto"
                    + " (default auto: when the network has at most " + ParameterOutput.AUTOMATIC_LIMIT + " parameters)")
            @Parameter(names = "--parameters", absentValue = "auto") String parameters,
            @Descriptor("relative error tolerance of this run (default: relativeTolerance of bf:defaults)")
            @Parameter(names = "--rtol", absentValue = "") String rtol,
            @Descriptor("absolute error tolerance of this run (default: absoluteTolerance of bf:defaults)")
            @Parameter(names = "--atol", absentValue = "") String atol) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("bf:run needs --data FILE");
        }
        Map<String, String> settings = Arguments.withTolerances(Arguments.keyValues(options), rtol, atol);
        ModelSpec spec = new ModelSpec(depth, alpha, shape.isEmpty() ? null : Arguments.numbers(shape),
                negativeShape.isEmpty() ? null : Arguments.numbers(negativeShape), seed, settings);
        RunRequest request = new RunRequest(Path.of(data), model, spec, loss, Arguments.targets(eps),
                out.isEmpty() ? null : Path.of(out), integrator.isEmpty() ? null : integrator, settings,
                ParameterOutput.parse(parameters), overwrite);
        RunProgress progress = RunProgress.toStandardOutput(request.targets());
        RunOutcome outcome;
        try {
            outcome = runner.run(request, progress);
        } finally {
            progress.finish();
        }
        Trajectory trajectory = outcome.trajectory();
        String summary = summary(outcome);
        if (trajectory.status() != Trajectory.Status.COMPLETED) {
            throw new IllegalStateException(summary.stripTrailing());
        }
        return summary;
    }

    @Descriptor("write a seeded synthetic data set as CSV, and its teacher (the unit separating direction) beside it"
            + " as NAME.teacher.csv")
    public String data(
            @Descriptor("generator: sparse-teacher or two-clusters (default sparse-teacher)")
            @Parameter(names = "--kind", absentValue = "sparse-teacher") String kind,
            @Descriptor("number of points N (default 10)")
            @Parameter(names = "--n", absentValue = "10") String points,
            @Descriptor("number of features d (default 30)")
            @Parameter(names = "--d", absentValue = "30") String dimension,
            @Descriptor("nonzero entries of the teacher (sparse-teacher)")
            @Parameter(names = "--sparsity", absentValue = "") String sparsity,
            @Descriptor("random seed (default 1)")
            @Parameter(names = "--seed", absentValue = "1") String seed,
            @Descriptor("output file: CSV, LIBSVM when the name ends .svm or .libsvm, gzip-compressed when it ends .gz")
            @Parameter(names = "--out", absentValue = "") String out,
            @Descriptor("replace --out and its teacher file when they exist")
            @Parameter(names = "--overwrite", presentValue = "true", absentValue = "false") boolean overwrite) {
        if (out.isEmpty()) {
            throw new IllegalArgumentException("bf:data needs --out FILE");
        }
        Path file = Path.of(out);
        Path teacher = teacherFile(file);
        OutputFiles.check(file, "--out", overwrite);
        OutputFiles.check(teacher, "--out", overwrite);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("n", points);
        settings.put("d", dimension);
        settings.put("seed", seed);
        if (!sparsity.isEmpty()) {
            settings.put("sparsity", sparsity);
        }
        GeneratedData generated = SyntheticData.generate(kind, settings);
        DataSet dataSet = generated.dataSet();
        StringBuilder separator = new StringBuilder("feature,teacher\n");
        double[] direction = generated.separator();
        for (int i = 0; i < direction.length; i++) {
            separator.append(i + 1).append(',').append(direction[i]).append('\n');
        }
        try {
            if (overwrite) {
                DataFiles.write(file, dataSet);
                AtomicFiles.write(teacher, separator.toString());
            } else {
                // the data first: a second bf:data to the same --out is refused there, before it writes a teacher
                DataFiles.writeNew(file, dataSet);
                AtomicFiles.writeNew(teacher, separator.toString());
            }
        } catch (FileAlreadyExistsException e) {
            throw OutputFiles.writtenMeanwhile(Path.of(e.getFile()), "--out");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + " and " + teacher + ": " + IoProblems.reason(e), e);
        }
        return "wrote " + out + ": " + dataSet.size() + " points, " + dataSet.dimension() + " features ("
                + dataSet.source() + "), and its teacher, the unit separating direction, to " + teacher + "\n";
    }

    /** data.csv's teacher goes to data.teacher.csv beside it. */
    static Path teacherFile(Path data) {
        String given = String.valueOf(data.getFileName());
        String name = given.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? given.substring(0, given.length() - 3)
                : given;
        int dot = name.lastIndexOf('.');
        return data.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".teacher.csv");
    }

    private static String summary(RunOutcome outcome) {
        Trajectory trajectory = outcome.trajectory();
        StringBuilder text = new StringBuilder();
        outcome.notes().forEach(note -> text.append("note: ").append(note).append('\n'));
        text.append(trajectory.status().name().toLowerCase(java.util.Locale.ROOT)).append(": ")
                .append(trajectory.checkpoints().size())
                .append(trajectory.checkpoints().size() == 1 ? " checkpoint in " : " checkpoints in ")
                .append(outcome.output())
                .append(" (integrator ").append(outcome.integrator().name()).append(", ")
                .append(trajectory.evaluations()).append(" evaluations, ")
                .append(String.format(java.util.Locale.ROOT, "%.3f s", outcome.wallSeconds())).append(")\n");
        if (trajectory.message() != null && !trajectory.message().isEmpty()) {
            text.append(trajectory.message()).append('\n');
        }
        TextTable table = new TextTable("TARGET", "LOG10_LOSS", "EVALUATIONS");
        for (Checkpoint checkpoint : trajectory.checkpoints()) {
            table.row(checkpoint.target().text(), Double.toString(checkpoint.log10Loss()),
                    Long.toString(checkpoint.evaluations()));
        }
        return text.append(table).toString();
    }
}
