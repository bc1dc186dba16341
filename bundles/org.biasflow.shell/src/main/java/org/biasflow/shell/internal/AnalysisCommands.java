package org.biasflow.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.biasflow.analyzer.Certificate;
import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Norm;
import org.biasflow.analyzer.Prediction;
import org.biasflow.analyzer.References;
import org.biasflow.analyzer.Threshold;
import org.biasflow.api.AnalysisContext;
import org.biasflow.api.Analyzer;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.CheckpointMeasure;
import org.biasflow.api.DataSet;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Trajectory;
import org.biasflow.data.Folders;
import org.biasflow.data.AtomicFiles;
import org.biasflow.data.DataFiles;
import org.biasflow.data.OutputFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.data.ShellText;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunRequest;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.TrajectoryRunner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code bf:} commands that set trajectories against theory: max-margin references, the Q_μ prediction,
 * regime thresholds, and recomputing a finished run's analyzer columns.
 */
@Component(service = AnalysisCommands.class, property = {
        "osgi.command.scope=bf",
        "osgi.command.function=maxmargin",
        "osgi.command.function=predict",
        "osgi.command.function=threshold",
        "osgi.command.function=analyze" })
public class AnalysisCommands {

    /** The last of the columns every checkpoints.csv starts with, before the analyzers' columns. */
    static final String LAST_LEADING_COLUMN = "evaluations";

    /** The measuring run's checkpoints: every decade to 1e-10, then 40 log-spaced ones to 1e-10000, about 1 s. */
    static final String MEASURE_TARGETS = "1e-1:1e-10,1e-10:1e-10000:40";

    @Reference
    ServiceCatalog catalog;

    @Reference
    TrajectoryRunner runner;

    @Descriptor("solve the l1 or l2 max-margin problem min ||beta|| s.t. y_n <x_n, beta> >= 1, with its certificate")
    public String maxmargin(
            @Descriptor(Arguments.DATA_HELP)
            @Parameter(names = "--data", absentValue = "") String data,
            @Descriptor("norm: l1 (rich regime) or l2 (kernel regime) (default l1)")
            @Parameter(names = "--norm", absentValue = "l1") String norm,
            @Descriptor("output CSV of the predictor, one line feature,beta (optional)")
            @Parameter(names = "--out", absentValue = "") String out,
            @Descriptor("replace the file --out names when it exists")
            @Parameter(names = "--overwrite", presentValue = "true", absentValue = "false") boolean overwrite) {
        checkOutput(out, overwrite, data);
        DataSet dataSet = read("bf:maxmargin", data);
        MaxMargin solution = References.maxMargin(dataSet, Norm.parse(norm));
        String summary = String.format(Locale.ROOT, "%s max margin %.12g (||beta|| = %.12g)%s%n%s%n",
                solution.norm().label(), solution.maxMargin(), 1 / solution.maxMargin(),
                solution.unique() ? "" : "; NOT UNIQUE: other predictors reach the same margin, this is one of them",
                solution.certificate().describe());
        return summary + writePredictor(out, overwrite, solution.beta(), solution.norm().label() + " max margin",
                solution.certificate());
    }

    @Descriptor("solve for the intermediate-regime prediction: min Q^D_mu(beta) s.t. y_n <x_n, beta> >= 1")
    public String predict(
            @Descriptor(Arguments.DATA_HELP)
            @Parameter(names = "--data", absentValue = "") String data,
            @Descriptor("scale mu > 0; gradient flow at loss eps has mu = alpha^D / gamma, about alpha^D / ln(1/eps)")
            @Parameter(names = "--mu", absentValue = "") String mu,
            @Descriptor("network depth D >= 2 (default 2)")
            @Parameter(names = "--depth", absentValue = "2") int depth,
            @Descriptor("output CSV of the predictor, one line feature,beta (optional)")
            @Parameter(names = "--out", absentValue = "") String out,
            @Descriptor("replace the file --out names when it exists")
            @Parameter(names = "--overwrite", presentValue = "true", absentValue = "false") boolean overwrite) {
        checkOutput(out, overwrite, data);
        DataSet dataSet = read("bf:predict", data);
        Prediction prediction = References.predict(dataSet, number("--mu", mu), depth);
        String summary = String.format(Locale.ROOT, "Q_mu minimizer, mu %.6g, depth %d, ||beta||_1 %.12g%n%s%n",
                prediction.mu(), depth, Arrays.stream(prediction.beta()).map(Math::abs).sum(),
                prediction.certificate().describe());
        return summary + writePredictor(out, overwrite, prediction.beta(), "Q_mu minimizer at mu " + prediction.mu()
                + ", depth " + depth, prediction.certificate());
    }

    @Descriptor("the theory's prediction of the training loss below which gradient flow is within tol of the l1"
            + " direction (and above which within tol of the l2 direction), as log10 eps, with its approximations;"
            + " --measure runs the flow and prints the measured crossings beside it")
    public String threshold(
            @Descriptor(Arguments.DATA_HELP)
            @Parameter(names = "--data", absentValue = "") String data,
            @Descriptor("initialization scale alpha > 0")
            @Parameter(names = "--alpha", absentValue = "") String alpha,
            @Descriptor("network depth D >= 2 (default 2)")
            @Parameter(names = "--depth", absentValue = "2") int depth,
            @Descriptor("relative distance to the predictor counted as reached (default 0.01)")
            @Parameter(names = "--tol", absentValue = "0.01") double tolerance,
            @Descriptor("initialization shape u: one value, or one per feature, comma-separated (w+(0) = w-(0) ="
                    + " alpha*u; default 1)")
            @Parameter(names = "--shape", absentValue = "") String shape,
            @Descriptor("shape of the negative weights for an unbalanced initialization (depth 2): one value, or one"
                    + " per feature (default: the shape)")
            @Parameter(names = "--negative-shape", absentValue = "") String negativeShape,
            @Descriptor("also run the flow (diagonal network, exponential loss, configured integrator) and print where"
                    + " its l1 and l2 distances cross tol")
            @Parameter(names = "--measure", presentValue = "true", absentValue = "false") boolean measure,
            @Descriptor("checkpoints of the measuring run, " + Arguments.TARGETS_HELP + " (default "
                    + MEASURE_TARGETS + ")")
            @Parameter(names = "--eps", absentValue = MEASURE_TARGETS) String eps,
            @Descriptor("folder for the measuring run's files (default: a temporary folder, removed afterwards)")
            @Parameter(names = "--out", absentValue = "") String out,
            @Descriptor("replace an earlier run in --out (it stays whole until the measuring run is complete)")
            @Parameter(names = "--overwrite", presentValue = "true", absentValue = "false") boolean overwrite) {
        if (!measure && (!out.isEmpty() || overwrite)) {
            throw new IllegalArgumentException((out.isEmpty() ? "--overwrite" : "--out") + " is for the measuring"
                    + " run's folder, and there is none without --measure: add --measure, or leave it out");
        }
        DataSet dataSet = read("bf:threshold", data);
        double scale = number("--alpha", alpha);
        double[] positive = shape.isEmpty() ? null : Arguments.numbers(shape);
        double[] negative = negativeShape.isEmpty() ? null : Arguments.numbers(negativeShape);
        ModelSpec spec = new ModelSpec(depth, scale, positive, negative, 0L, Map.of());
        Threshold threshold = References.threshold(dataSet, scale, depth, tolerance, positive, negative);
        Optional<RunFolder> run = measure ? Optional.of(measuringRun(data, spec, eps, out, overwrite)) : Optional.empty();
        String shapes = positive == null && negative == null ? "shape u = 1"
                : "shape u = " + (shape.isEmpty() ? "1" : shape) + (negative == null ? "" : ", negative shape "
                        + negativeShape) + String.format(Locale.ROOT, ", so mu is that of alpha %s with shape 1",
                                format(threshold.alpha()));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "alpha %s, depth %d, tol %s, %s%n",
                format(scale), depth, format(tolerance), shapes));
        if (threshold.applies()) {
            text.append(String.format(Locale.ROOT, "predicted: the theory's Q_mu path at mu = alpha^D u^D / gamma,"
                    + " read as log10 eps = -alpha^D / (mu ln 10) (the margin gamma exceeds ln(1/eps) by at most"
                    + " ln N, so up to log10 N = %.2f); it takes beta/gamma to be on the path, which holds as"
                    + " ln(1/eps) grows (measured: qmu_distance), so a crossing predicted where that error is near"
                    + " tol is not one of the flow; %d Q_mu solves%n", Math.log10(dataSet.size()), threshold.solves()));
            if (!threshold.l1Unique()) {
                text.append("the l1 max-margin predictor is not unique: distances are to the one the LP returned\n");
            }
        } else {
            text.append("predicted: none: ").append(threshold.limitation()).append('\n');
        }
        List<String> header = new ArrayList<>(List.of("REGIME", "MU", "PREDICTED_LOG10_EPS", "PREDICTION"));
        if (run.isPresent()) {
            header.add("MEASURED");
        }
        TextTable table = new TextTable(header.toArray(String[]::new));
        List<String> rich = new ArrayList<>(List.of("rich (l1)"));
        List<String> kernel = new ArrayList<>(List.of("kernel (l2)"));
        if (!threshold.applies()) {
            rich.addAll(List.of("n/a", "n/a", "the theory does not apply (above)"));
            kernel.addAll(List.of("n/a", "n/a", "the theory does not apply (above)"));
        } else {
            if (threshold.richReached()) {
                rich.addAll(List.of(format(threshold.richMu()), format(threshold.richLog10Loss()),
                        "the path is within tol of the l1 predictor for every smaller loss"));
            } else {
                rich.addAll(List.of("< " + format(threshold.smallestMu()), "< " + format(threshold.richLog10Loss()),
                        "the path is not within tol of the l1 predictor by eps = 1e" + format(threshold.richLog10Loss())
                                + " (it approaches it only logarithmically in 1/mu)"));
            }
            kernel.addAll(!References.hasKernelSide(positive, negative) ? List.of("n/a", "n/a", "with this shape the"
                    + " path's large-mu end is the weighted l2 predictor (min sum beta_i^2/c_i, c_i = (u+_i u-_i)^(D/2)),"
                    + " not the l2 max-margin one: not computed")
                    : Double.isNaN(threshold.kernelMu())
                    ? List.of("every mu >= " + format(threshold.smallestMu()), ">= " + format(Threshold.log10Loss(
                            threshold.alpha(), depth, threshold.smallestMu())),
                            "the path is within tol of the l2 predictor at every mu searched")
                    : List.of(format(threshold.kernelMu()), format(threshold.kernelLog10Loss()),
                            "the path is within tol of the l2 predictor for every larger loss (the flow, which starts"
                                    + " along X~^T 1, only once it is near the path)"));
        }
        run.ifPresent(folder -> {
            MeasuredCrossing l1 = crossing(folder, "l1_distance");
            int entered = l1.firstWithin(tolerance);
            String pathError = "";
            if (entered >= 0) {
                double offPath = crossing(folder, "qmu_distance").distances()[entered];
                pathError = String.format(Locale.ROOT, "; beta/gamma is %.3g from the Q_mu path there%s", offPath,
                        offPath >= tolerance / 2 ? ", not small beside tol: the theory cannot place this crossing" : "");
            }
            rich.add(l1.enteringBelow(tolerance) + pathError);
            kernel.add(crossing(folder, "l2_distance").withinAbove(tolerance));
        });
        table.row(rich.toArray(String[]::new));
        table.row(kernel.toArray(String[]::new));
        text.append(table);
        run.ifPresent(folder -> {
            MeasuredCrossing path = crossing(folder, "qmu_distance");
            text.append(String.format(Locale.ROOT, "measured on the flow's %d checkpoints from %s to %s; distance"
                    + " of beta/gamma to the Q_mu path (qmu_distance) %.3g at the first, %.3g at the last%n",
                    path.distances().length, TargetLoss.levelText(path.log10Losses()[0]),
                    TargetLoss.levelText(path.deepest()), path.distances()[0],
                    path.distances()[path.distances().length - 1]));
        });
        return text.toString();
    }

    /** Runs the flow the threshold is about and reads back its checkpoints, as bf:run writes them. */
    private RunFolder measuringRun(String data, ModelSpec spec, String eps, String out, boolean overwrite) {
        Path folder;
        try {
            folder = out.isEmpty() ? Files.createTempDirectory("bf-threshold-") : Path.of(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder for the measuring run: "
                    + IoProblems.reason(e), e);
        }
        try {
            RunRequest request = new RunRequest(Path.of(data), "diagonal", spec, "exponential",
                    Arguments.targets(eps), folder, null, Map.of(), ParameterOutput.NONE, overwrite);
            Trajectory trajectory = runner.run(request, new RunControl() {
                @Override
                public void checkpoint(Checkpoint checkpoint) {
                }
            }).trajectory();
            if (trajectory.checkpoints().isEmpty()) {
                throw new IllegalStateException("the measuring run reached no checkpoint: " + trajectory.message());
            }
            return RunFolder.read(folder);
        } finally {
            if (out.isEmpty()) {
                removeTemporary(folder);
            }
        }
    }

    private static MeasuredCrossing crossing(RunFolder run, String column) {
        double[] log10Losses = run.rows().stream().mapToDouble(cells -> Double.parseDouble(run.cell(cells,
                "log10_loss"))).toArray();
        double[] distances = run.rows().stream().mapToDouble(cells -> Double.parseDouble(run.cell(cells, column)))
                .toArray();
        return new MeasuredCrossing(log10Losses, distances);
    }

    private static void removeTemporary(Path folder) {
        try {
            Folders.deleteTree(folder);
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the measurement it held has been read.
        }
    }

    @Descriptor("recompute the analyzer columns of a run folder's checkpoints.csv with the analyzers registered now")
    public String analyze(@Descriptor("run folder holding checkpoints.csv and run.json") String folder) {
        Path directory = Path.of(folder);
        List<String> holders = runner.workingIn(directory);
        if (!holders.isEmpty()) {
            // its run.json is written last, and checkpoints.csv still grows
            throw new IllegalStateException(folder + " is in use by " + String.join(" and ", holders) + ": run"
                    + " bf:analyze " + ShellText.argument(folder) + " once it has ended");
        }
        RunFolder run = RunFolder.read(directory);
        AnalysisContext context = new AnalysisContext(run.data(), run.model(), run.spec(), run.loss());
        List<String> header = new ArrayList<>(run.leadingColumns());
        int leading = header.size();
        List<CheckpointMeasure> measures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String name : catalog.names(Analyzer.class)) {
            try {
                CheckpointMeasure measure = catalog.select(Analyzer.class, name).service().prepare(context);
                for (String column : measure.columns()) {
                    header.add(header.contains(column) ? name + "." + column : column);
                }
                measures.add(measure);
            } catch (RuntimeException e) {
                warnings.add("analyzer '" + name + "' failed: " + e.getMessage());
            }
        }
        int dimension = run.data().dimension();
        for (int i = 1; i <= dimension; i++) {
            header.add("beta_" + i);
        }
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (String[] cells : run.rows()) {
            double[] beta = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                beta[i] = Double.parseDouble(cells[cells.length - dimension + i]);
            }
            Checkpoint checkpoint = new Checkpoint(TargetLoss.parse(run.cell(cells, "target")),
                    Double.parseDouble(run.cell(cells, "log10_loss")), Double.parseDouble(run.cell(cells, "log10_time")),
                    beta, new double[0], Long.parseLong(run.cell(cells, LAST_LEADING_COLUMN)));
            StringBuilder row = new StringBuilder(String.join(",", Arrays.copyOf(cells, leading)));
            for (CheckpointMeasure measure : measures) {
                for (double value : measure.measure(checkpoint)) {
                    row.append(',').append(value);
                }
            }
            for (double b : beta) {
                row.append(',').append(b);
            }
            csv.append(row).append('\n');
        }
        Path checkpoints = directory.resolve("checkpoints.csv");
        write(checkpoints, true, csv.toString());
        StringBuilder text = new StringBuilder("rewrote " + checkpoints + ": " + run.rows().size() + " checkpoints, "
                + (header.size() - leading - dimension) + " analyzer columns\n");
        warnings.forEach(warning -> text.append(warning).append('\n'));
        return text.toString();
    }

    /**
     * What bf:analyze needs of a run folder, checked against the data file it names.
     *
     * @param spec depth, scale and (when run.json records them) the initialization shapes
     * @param columns the header of checkpoints.csv
     */
    record RunFolder(DataSet data, String model, ModelSpec spec, String loss, List<String> columns,
            List<String[]> rows) {

        /** The columns before the analyzers' ones: up to {@value #LAST_LEADING_COLUMN}, as this run wrote them. */
        List<String> leadingColumns() {
            return columns.subList(0, columns.indexOf(LAST_LEADING_COLUMN) + 1);
        }

        String cell(String[] cells, String column) {
            return cells[columns.indexOf(column)];
        }

        static RunFolder read(Path directory) {
            Path json = directory.resolve("run.json");
            Path checkpoints = directory.resolve("checkpoints.csv");
            String record;
            List<String> lines;
            try {
                record = Files.readString(json);
                lines = Files.readAllLines(checkpoints);
            } catch (IOException e) {
                throw new IllegalArgumentException(directory + " is not a run folder: cannot read " + e.getMessage());
            }
            if (!closed(record)) {
                throw new IllegalArgumentException(json + " is cut short or not valid JSON (its brackets or a text do"
                        + " not close): it is no record of a run");
            }
            DataSet data = DataFiles.readRecorded(Path.of(stringField(json, record, "file")),
                    stringField(json, record, "sha256"), json);
            List<String> columns = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(",", -1));
            for (String required : List.of("target", "log10_loss", "log10_time", LAST_LEADING_COLUMN)) {
                if (!columns.contains(required)) {
                    throw new IllegalArgumentException(checkpoints + " has no column '" + required + "'");
                }
            }
            List<String[]> rows = new ArrayList<>();
            int width = columns.size();
            for (int line = 1; line < lines.size(); line++) {
                if (lines.get(line).isBlank()) {
                    continue;
                }
                String[] cells = lines.get(line).split(",", -1);
                if (cells.length != width || width <= columns.indexOf(LAST_LEADING_COLUMN) + data.dimension()) {
                    throw new IllegalArgumentException(checkpoints + " line " + (line + 1) + " has " + cells.length
                            + " cells, expected " + width + " with " + data.dimension() + " beta columns");
                }
                rows.add(cells);
            }
            ModelSpec spec = new ModelSpec((int) numberField(json, record, "depth"), numberField(json, record, "alpha"),
                    numbersField(record, "shape"), numbersField(record, "negative_shape"), 0L, Map.of());
            return new RunFolder(data, stringField(json, record, "model"), spec, stringField(json, record, "loss"),
                    columns, rows);
        }

        /**
         * Whether {@code record} ends where its JSON value does, every text and bracket closed: the fields are found
         * by pattern, and in a record cut short (a copy interrupted) the first missing one would be named instead.
         */
        private static boolean closed(String record) {
            int depth = 0;
            boolean inText = false;
            for (int i = 0; i < record.length(); i++) {
                char c = record.charAt(i);
                if (inText) {
                    i += c == '\\' ? 1 : 0;
                    inText = c != '"';
                } else if (c == '"') {
                    inText = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            }
            return depth == 0 && !inText && record.stripTrailing().endsWith("}");
        }

        /** The first string-valued field of that name: run.json writes the configuration's fields first. */
        private static String stringField(Path json, String record, String key) {
            Matcher matcher = Pattern.compile("\"" + key + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(record);
            if (!matcher.find()) {
                throw new IllegalArgumentException(json + " has no \"" + key + "\" text field");
            }
            return matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }

        /** A list of numbers, or null when the field is null or absent. */
        private static double[] numbersField(String record, String key) {
            Matcher matcher = Pattern.compile("\"" + key + "\": \\[([^\\]]*)\\]").matcher(record);
            if (!matcher.find()) {
                return null;
            }
            return Arrays.stream(matcher.group(1).split(",")).map(String::trim).mapToDouble(Double::parseDouble)
                    .toArray();
        }

        private static double numberField(Path json, String record, String key) {
            Matcher matcher = Pattern.compile("\"" + key + "\": (-?[0-9][0-9.eE+-]*)").matcher(record);
            if (!matcher.find()) {
                throw new IllegalArgumentException(json + " has no \"" + key + "\" number field");
            }
            return Double.parseDouble(matcher.group(1));
        }
    }

    private static DataSet read(String command, String file) {
        if (file.isEmpty()) {
            throw new IllegalArgumentException(command + " needs --data FILE");
        }
        return DataFiles.read(Path.of(file));
    }

    private static double number(String option, String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the option " + option + " is required");
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a number");
        }
    }

    /**
     * Before the data are read (196 MB take seconds) and solved: the predictor's file, when one is named, may be
     * written. Without --data the read says so.
     */
    private static void checkOutput(String out, boolean overwrite, String data) {
        if (!out.isEmpty() && !data.isEmpty()) {
            OutputFiles.check(Path.of(out), "--out", overwrite, Path.of(data));
        }
    }

    /** Writes β as CSV (atomically) when a file is named, and says where. */
    private static String writePredictor(String out, boolean overwrite, double[] beta, String what,
            Certificate certificate) {
        if (out.isEmpty()) {
            return "";
        }
        StringBuilder csv = new StringBuilder("# ").append(what).append('\n').append("# ")
                .append(certificate.describe()).append('\n').append("feature,beta\n");
        for (int i = 0; i < beta.length; i++) {
            csv.append(i + 1).append(',').append(beta[i]).append('\n');
        }
        write(Path.of(out), overwrite, csv.toString());
        return "wrote " + out + "\n";
    }

    private static void write(Path file, boolean overwrite, String content) {
        try {
            if (overwrite) {
                AtomicFiles.write(file, content);
            } else {
                AtomicFiles.writeNew(file, content);
            }
        } catch (FileAlreadyExistsException e) {
            throw OutputFiles.writtenMeanwhile(file, "--out");
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannotWrite(file, e), e);
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
