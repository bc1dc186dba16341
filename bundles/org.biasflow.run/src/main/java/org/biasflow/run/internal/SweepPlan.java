package org.biasflow.run.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.biasflow.api.DataSet;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Tolerances;
import org.biasflow.data.DataFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.run.RunRequest;
import org.biasflow.run.Shard;
import org.biasflow.run.SweepRequest;

/**
 * A sweep's grid as every process computes it from the same request: its trajectories in row order (repeated
 * values dropped), the {@code sweep.json} that describes it, and its shards.
 *
 * <p>sweep.json holds everything that decides the sweep's results and nothing that does not (no file paths, no
 * times), so two processes given the same sweep write the same bytes, and a resumed sweep or a shard can tell
 * whether a folder holds its sweep. Each trajectory's entry holds every setting of that trajectory, so an entry
 * alone, with the data, loss, integrator and targets of the sweep, is enough to run it anywhere.
 */
final class SweepPlan {

    static final String FILE = "sweep.json";
    static final String FORMAT = "biasflow sweep 2";

    /** The settings that become a column of sweep.csv and a part of the folder names when they take several values. */
    static final String MODEL = "model";
    static final String SEED = "seed";
    static final String SHAPE = "shape";
    static final String NEGATIVE_SHAPE = "negative_shape";
    static final String OPTION = "option.";

    /**
     * Seeds travel through sweep.json as JSON numbers, which readers hold as doubles: beyond 2^53 they would come
     * back as other seeds.
     */
    static final long LARGEST_SEED = 1L << 53;

    /** The most trajectories a sweep plans: each has a folder and an entry in sweep.json. */
    static final long MOST_TRAJECTORIES = 100_000;

    /** What the plan needs to know of the models it sweeps. */
    interface Models {

        /** Whether a trajectory of the model reads the option (the engine's, its integrator's or the model's own). */
        boolean reads(String model, String key);

        /**
         * The model's network for these settings, from which the plan reads its parameter count and initialization.
         *
         * @throws IllegalArgumentException for settings the model refuses
         */
        Network network(String model, ModelSpec spec);
    }

    /**
     * One trajectory of the grid, with its place in the row order and every setting it runs with.
     *
     * @param shape the initialization shape u: one entry, or one per feature
     * @param negativeShape the shape of the negative weights; empty for a balanced initialization
     * @param options every option of the trajectory (engine, integrator and model), key → text, sorted
     * @param parameters the network's parameter count P
     * @param cost the expected cost (see {@link SweepPlan#cost})
     * @param folderName its folder under {@code runs/}
     */
    record Cell(int index, String model, double alpha, int depth, long seed, List<Double> shape,
            List<Double> negativeShape, Map<String, String> options, int parameters, long cost, String folderName) {

        Cell {
            shape = List.copyOf(shape);
            negativeShape = List.copyOf(negativeShape);
            options = java.util.Collections.unmodifiableMap(new TreeMap<>(options));
        }

        ModelSpec spec() {
            return new ModelSpec(depth, alpha, array(shape), negativeShape.isEmpty() ? null : array(negativeShape),
                    seed, options);
        }

        /** The run of this trajectory into {@code output}, with the sweep's data, loss, targets and integrator. */
        RunRequest request(SweepRequest sweep, Path output) {
            return new RunRequest(sweep.data(), model, spec(), sweep.loss(), sweep.targets(), output,
                    sweep.integrator(), options);
        }

        /** The text of a setting column of sweep.csv; empty for an option the trajectory's model does not read. */
        String setting(String name) {
            return switch (name) {
                case MODEL -> model;
                case SEED -> Long.toString(seed);
                case SHAPE -> text(shape);
                case NEGATIVE_SHAPE -> text(negativeShape);
                default -> options.getOrDefault(name.substring(OPTION.length()), "");
            };
        }
    }

    private final List<Cell> cells;
    private final List<String> settings;
    private final String manifest;
    private final List<String> notes;

    private SweepPlan(List<Cell> cells, List<String> settings, String manifest, List<String> notes) {
        this.cells = List.copyOf(cells);
        this.settings = List.copyOf(settings);
        this.manifest = manifest;
        this.notes = List.copyOf(notes);
    }

    /**
     * The plan of a request: its grid without repeats, and its sweep.json. Each model takes the options it reads;
     * the caller has refused options no model reads.
     *
     * @param integrator the integrator's name, the configured default resolved
     * @param configured the tolerances of the configuration, which a trajectory's rtol and atol options override
     * @throws IllegalArgumentException naming the trajectory whose settings the model refuses, or a setting that
     *                                  does not fit the data
     */
    static SweepPlan of(SweepRequest request, DataSet data, String integrator, Tolerances configured,
            Models models) {
        List<String> notes = new ArrayList<>();
        List<String> modelNames = distinct(request.modelNames(), "model", "--models", notes);
        List<Double> alphas = distinct(request.alphas(), "alpha", "--alphas", notes);
        List<Integer> depths = distinct(request.depths(), "depth", "--depths", notes);
        List<Long> seeds = distinct(request.seeds().isEmpty() ? List.of(0L) : request.seeds(), "seed", "--seeds",
                notes);
        List<List<Double>> shapes = distinct(shapes(request.shapes(), "--shape", data.dimension(), List.of(1.0)),
                "shape", "--shape", notes);
        List<List<Double>> negativeShapes = distinct(shapes(request.negativeShapes(), "--negative-shape",
                data.dimension(), List.of()), "negative shape", "--negative-shape", notes);
        for (long seed : seeds) {
            if (Math.abs(seed) > LARGEST_SEED) {
                throw new IllegalArgumentException("--seeds " + seed + ": a seed of a sweep lies between -2^53 and"
                        + " 2^53 (" + LARGEST_SEED + "), so that sweep.json records it exactly");
            }
        }
        Map<String, String> fixed = new TreeMap<>(request.options());
        Map<String, List<String>> swept = new TreeMap<>();
        request.optionValues().forEach((key, values) -> {
            List<String> distinctValues = distinct(values, "value of option " + key, "--options " + key + "=…",
                    notes);
            if (distinctValues.size() == 1) {
                fixed.put(key, distinctValues.get(0));
            } else {
                swept.put(key, distinctValues);
            }
        });

        List<String> settings = new ArrayList<>();
        if (modelNames.size() > 1) {
            settings.add(MODEL);
        }
        if (seeds.size() > 1) {
            settings.add(SEED);
        }
        if (shapes.size() > 1) {
            settings.add(SHAPE);
        }
        if (negativeShapes.size() > 1) {
            settings.add(NEGATIVE_SHAPE);
        }
        swept.keySet().forEach(key -> settings.add(OPTION + key));

        long size = 0;
        for (String model : modelNames) {
            long count = capped(capped(capped(capped(alphas.size(), depths.size()), seeds.size()), shapes.size()),
                    negativeShapes.size());
            for (String key : swept.keySet()) {
                if (models.reads(model, key)) {
                    count = capped(count, swept.get(key).size());
                }
            }
            size = Math.min(size + count, MOST_TRAJECTORIES + 1);
        }
        if (size > MOST_TRAJECTORIES) {
            throw new IllegalArgumentException("the grid would have more than " + MOST_TRAJECTORIES
                    + " trajectories, a folder each: sweep fewer values at a time");
        }
        Tolerances common = RunChecks.tolerances(fixed, configured.relative(), configured.absolute());
        List<Cell> cells = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        Map<String, Cell> byFolder = new HashMap<>();
        // the first initialization of each model and seed: all of a model's alike when it draws none at random
        Map<String, double[]> initializations = new HashMap<>();
        for (String model : modelNames) {
            Map<String, String> own = new TreeMap<>();
            fixed.forEach((key, value) -> {
                if (models.reads(model, key)) {
                    own.put(key, value);
                }
            });
            List<String> ownSwept = swept.keySet().stream().filter(key -> models.reads(model, key)).toList();
            List<Map<String, String>> optionGrid = product(own, ownSwept, swept);
            for (double alpha : alphas) {
                for (int depth : depths) {
                    for (long seed : seeds) {
                        for (List<Double> shape : shapes) {
                            for (List<Double> negativeShape : negativeShapes) {
                                for (Map<String, String> options : optionGrid) {
                                    String name = folderName(settings, model, alpha, depth, seed, shape, shapes,
                                            negativeShape, negativeShapes, options);
                                    ModelSpec spec = new ModelSpec(depth, alpha, array(shape),
                                            negativeShape.isEmpty() ? null : array(negativeShape), seed, options);
                                    Network network;
                                    try {
                                        network = models.network(model, spec);
                                    } catch (IllegalArgumentException e) {
                                        throw new IllegalArgumentException("trajectory runs/" + name + " (model '"
                                                + model + "'): " + e.getMessage(), e);
                                    }
                                    int parameters = network.parameterCount();
                                    Cell cell = new Cell(cells.size(), model, alpha, depth, seed, shape,
                                            negativeShape, options, parameters,
                                            cost(alpha, depth, parameters, data.dimension()), name);
                                    if (seeds.size() > 1) {
                                        initializations.putIfAbsent(model + "\n" + seed,
                                                network.initialParameters());
                                    }
                                    Cell earlier = byFolder.putIfAbsent(name, cell);
                                    if (earlier != null) {
                                        throw new IllegalArgumentException("two trajectories of the sweep would"
                                                + " share the folder runs/" + name + " (" + describe(earlier)
                                                + " and " + describe(cell) + "); make the option values differ in"
                                                + " letters and digits");
                                    }
                                    cells.add(cell);
                                    entries.add(entry(cell, RunChecks.tolerances(options, configured.relative(),
                                            configured.absolute())));
                                }
                            }
                        }
                    }
                }
            }
        }

        for (String model : modelNames) {
            if (seeds.size() > 1 && seeds.stream().allMatch(seed -> java.util.Arrays.equals(initializations.get(model
                    + "\n" + seed), initializations.get(model + "\n" + seeds.get(0))))) {
                notes.add("model " + model + " starts from the same parameters whatever the seed, so its "
                        + seeds.size() + " seeds give the same trajectories: --seeds matters for models with a random"
                        + " initialization, such as fully-connected");
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        Map<String, Object> dataDescription = new LinkedHashMap<>();
        dataDescription.put("sha256", DataFiles.hash(data));
        dataDescription.put("points", data.size());
        dataDescription.put("features", data.dimension());
        json.put("data", dataDescription);
        json.put("model", modelNames.get(0));
        json.put("models", modelNames);
        json.put("loss", request.loss());
        json.put("integrator", integrator);
        json.put("relative_tolerance", common.relative());
        json.put("absolute_tolerance", common.absolute());
        json.put("options", fixed);
        json.put("option_values", swept);
        json.put("targets", request.targets().stream().map(TargetLoss::text).toList());
        json.put("alphas", alphas);
        json.put("depths", depths);
        json.put("seeds", seeds);
        json.put("shapes", shapes);
        json.put("negative_shapes", negativeShapes);
        json.put("settings", settings);
        json.put("trajectories", entries);
        return new SweepPlan(cells, settings, Json.write(json), notes);
    }

    /** Every setting of one trajectory, as its sweep.json entry holds it. */
    private static Map<String, Object> entry(Cell cell, Tolerances tolerances) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("model", cell.model());
        entry.put("alpha", cell.alpha());
        entry.put("depth", cell.depth());
        entry.put("seed", cell.seed());
        entry.put("shape", cell.shape());
        entry.put("negative_shape", cell.negativeShape().isEmpty() ? null : cell.negativeShape());
        entry.put("options", cell.options());
        entry.put("relative_tolerance", tolerances.relative());
        entry.put("absolute_tolerance", tolerances.absolute());
        entry.put("parameters", cell.parameters());
        entry.put("folder", "runs/" + cell.folderName());
        return entry;
    }

    /**
     * {@code alpha=A_depth=D}, then {@code _SETTING=VALUE} for each setting the sweep varies: a per-feature shape is
     * named by its place in its list ({@code shape=#2}), an option by its key ({@code width=20}). Characters other
     * than letters, digits and {@code . + - #} in an option's value become {@code _}.
     */
    private static String folderName(List<String> settings, String model, double alpha, int depth, long seed,
            List<Double> shape, List<List<Double>> shapes, List<Double> negativeShape,
            List<List<Double>> negativeShapes, Map<String, String> options) {
        StringBuilder name = new StringBuilder("alpha=" + alpha + "_depth=" + depth);
        for (String setting : settings) {
            switch (setting) {
                case MODEL -> name.append("_model=").append(model);
                case SEED -> name.append("_seed=").append(seed);
                case SHAPE -> name.append("_shape=").append(shapeName(shape, shapes));
                case NEGATIVE_SHAPE -> name.append("_negative_shape=").append(shapeName(negativeShape,
                        negativeShapes));
                default -> {
                    String key = setting.substring(OPTION.length());
                    if (options.containsKey(key)) {
                        name.append('_').append(safe(key)).append('=').append(safe(options.get(key)));
                    }
                }
            }
        }
        return name.toString();
    }

    private static String shapeName(List<Double> shape, List<List<Double>> shapes) {
        return shape.size() == 1 ? shape.get(0).toString() : "#" + (shapes.indexOf(shape) + 1);
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9.+#-]", "_");
    }

    private static String describe(Cell cell) {
        return "model " + cell.model() + ", alpha " + cell.alpha() + ", depth " + cell.depth() + ", seed "
                + cell.seed() + ", options " + cell.options();
    }

    /** Every combination of the swept options' values, each beside the fixed options, keys in order. */
    private static List<Map<String, String>> product(Map<String, String> fixed, List<String> keys,
            Map<String, List<String>> values) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new TreeMap<>(fixed));
        for (String key : keys) {
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                for (String value : values.get(key)) {
                    Map<String, String> next = new TreeMap<>(combination);
                    next.put(key, value);
                    extended.add(next);
                }
            }
            combinations = extended;
        }
        return combinations;
    }

    /** a·b, or one more than {@link #MOST_TRAJECTORIES} when larger (a, b at most that, so it cannot overflow). */
    private static long capped(long a, long b) {
        return Math.min(a * b, MOST_TRAJECTORIES + 1);
    }

    /** The shapes as lists, each checked against the data's dimension; {@code otherwise} when none is given. */
    private static List<List<Double>> shapes(List<double[]> given, String option, int dimension,
            List<Double> otherwise) {
        if (given.isEmpty()) {
            return List.of(otherwise);
        }
        List<List<Double>> shapes = new ArrayList<>();
        for (double[] shape : given) {
            if (shape.length != 1 && shape.length != dimension) {
                throw new IllegalArgumentException(option + ": shape " + (shapes.size() + 1) + " of " + given.size()
                        + " (" + text(list(shape)) + ") has " + shape.length + " values; give one value, or one per"
                        + " feature (the data have " + dimension + ")");
            }
            for (double value : shape) {
                if (!(value > 0) || !Double.isFinite(value)) {
                    throw new IllegalArgumentException(option + ": shape " + (shapes.size() + 1) + " ("
                            + text(list(shape)) + ") has the value " + value + "; every entry of a shape is a"
                            + " positive finite number");
                }
            }
            shapes.add(list(shape));
        }
        return shapes;
    }

    private static List<Double> list(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A shape as sweep.csv writes it: its values separated by spaces; empty for none. */
    private static String text(List<Double> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    /**
     * The expected cost, relative to α = 1 at depth 2 on a diagonal network, of a trajectory: small scales spend
     * long near the saddle at the origin (measured: α = 1e-3 takes about 2.4 times the evaluations of α = 1), depth 3
     * costs about a quarter more per trajectory than depth 2, and a network of P parameters on d features, followed
     * in its own parameters, costs about P/(2d) times a diagonal network's (P = 2d). A whole number of millionths,
     * so that every JVM sorts the same costs the same way.
     */
    static long cost(double alpha, int depth, int parameters, int dimension) {
        double smallness = Math.max(0.0, -StrictMath.log10(alpha));
        double size = Math.max(1.0, parameters / (2.0 * dimension));
        double value = (1 + 0.45 * smallness) * (1 + 0.25 * Math.max(0, depth - 2)) * size;
        return Math.round(value * 1e6);
    }

    /**
     * The plan a folder's sweep.json describes, or {@code null} when there is none.
     *
     * @throws IllegalStateException when the file is not a sweep description of this version of biasflow
     */
    static SweepPlan read(Path folder) {
        Path file = folder.resolve(FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("read", file, e), e);
        }
        Map<String, Object> json;
        try {
            json = JsonReader.object(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is cut short or not valid JSON (" + e.getMessage() + ")", e);
        }
        try {
            Object format = json.get("format");
            if (String.valueOf(format).startsWith("biasflow sweep ") && !FORMAT.equals(format)) {
                throw new IllegalStateException(file + " was written by another version of biasflow (" + format
                        + "; this one writes " + FORMAT + "), so this one cannot resume or merge it; run the sweep"
                        + " again into another --out, or with --overwrite");
            }
            if (!FORMAT.equals(format)) {
                throw new IllegalStateException(file + " is not a biasflow sweep description (format " + format
                        + ")");
            }
            Map<?, ?> data = JsonReader.field(file, json, "", "data", Map.class);
            JsonReader.field(file, data, "data", "sha256", String.class); // what each trajectory's is checked against
            int dimension = JsonReader.field(file, data, "data", "features", Double.class).intValue();
            List<String> settings = strings(JsonReader.field(file, json, "", "settings", List.class));
            List<Cell> cells = new ArrayList<>();
            for (Object item : JsonReader.field(file, json, "", "trajectories", List.class)) {
                String at = "trajectories[" + cells.size() + "]";
                if (!(item instanceof Map<?, ?> entry)) {
                    throw new IllegalArgumentException(file + ": '" + at + "' is not an object");
                }
                double alpha = JsonReader.field(file, entry, at, "alpha", Double.class);
                int depth = JsonReader.field(file, entry, at, "depth", Double.class).intValue();
                int parameters = JsonReader.field(file, entry, at, "parameters", Double.class).intValue();
                Map<String, String> options = new TreeMap<>();
                JsonReader.field(file, entry, at, "options", Map.class).forEach((key, value) -> options.put(
                        key.toString(), value.toString()));
                String runFolder = JsonReader.field(file, entry, at, "folder", String.class);
                String folderName = runFolder.substring(Math.min(runFolder.length(), "runs/".length()));
                if (!runFolder.startsWith("runs/") || !folderName.matches("[^/\\\\]+")
                        || folderName.matches("\\.+")) {
                    // the sweep deletes and writes in the folder: one outside runs/ is never taken from the file
                    throw new IllegalArgumentException(file + ": '" + at + ".folder' is the text \"" + runFolder
                            + "\", expected runs/ and a folder's name");
                }
                cells.add(new Cell(cells.size(), JsonReader.field(file, entry, at, "model", String.class), alpha,
                        depth, JsonReader.field(file, entry, at, "seed", Double.class).longValue(),
                        JsonReader.numbers(file, entry, at, "shape"),
                        JsonReader.numbers(file, entry, at, "negative_shape"), options, parameters,
                        cost(alpha, depth, parameters, dimension), folderName));
            }
            return new SweepPlan(cells, settings, text, List.of());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + ": it is not a readable sweep description", e);
        }
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(Object::toString).toList();
    }

    private static <T> List<T> distinct(List<T> values, String name, String option, List<String> notes) {
        Set<T> kept = new LinkedHashSet<>();
        Set<T> repeated = new LinkedHashSet<>();
        for (T value : values) {
            if (!kept.add(value)) {
                repeated.add(value);
            }
        }
        for (T value : repeated) {
            String shown = value instanceof List<?> list ? text(list.stream().map(o -> (Double) o).toList())
                    : String.valueOf(value);
            notes.add(name + " " + shown + " appears more than once in " + option + "; it is run once");
        }
        return List.copyOf(kept);
    }

    List<Cell> cells() {
        return cells;
    }

    /** The SHA-256 of the data the sweep is of ({@link DataFiles#hash}), as its manifest says. */
    String dataHash() {
        return SweepTable.dataHash(JsonReader.object(manifest));
    }

    /** The settings the sweep varies beyond α and D, as sweep.csv names their columns, in column order. */
    List<String> settings() {
        return settings;
    }

    /** The sweep.json text. */
    String manifest() {
        return manifest;
    }

    /** Sentences for the user, such as the repeated values dropped. */
    List<String> notes() {
        return notes;
    }

    /**
     * The trajectories of one shard, in row order. Trajectories are dealt out most expensive first, each to the
     * shard with the least expected cost so far (the first such shard on a tie), so the shards' costs differ by at
     * most one trajectory's, and every process computes the same slices.
     */
    List<Cell> slice(Shard shard) {
        long[] load = new long[shard.count()];
        boolean[] mine = new boolean[cells.size()];
        for (Cell cell : mostCostlyFirst(cells)) {
            int least = 0;
            for (int s = 1; s < load.length; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            load[least] += cell.cost();
            mine[cell.index()] = least == shard.index() - 1;
        }
        return cells.stream().filter(cell -> mine[cell.index()]).toList();
    }

    /**
     * The cells by expected cost, the most costly first, in row order among equal costs. A pool that takes
     * trajectories in this order ends with the short ones, so its threads finish close together (the longest-first
     * rule), where row order can leave the longest trajectory of a grid running alone at the end.
     */
    static List<Cell> mostCostlyFirst(List<Cell> cells) {
        List<Cell> byCost = new ArrayList<>(cells);
        byCost.sort(Comparator.comparingLong(Cell::cost).reversed().thenComparingInt(Cell::index));
        return byCost;
    }

    /** The shard of {@code count} that runs a trajectory. */
    Shard shardOf(Cell cell, int count) {
        for (int i = 1; i <= count; i++) {
            Shard shard = new Shard(i, count);
            if (slice(shard).contains(cell)) {
                return shard;
            }
        }
        throw new IllegalStateException("no shard of " + count + " runs " + cell.folderName());
    }

    /** The settings in which two sweep descriptions differ, in words. */
    static String differences(String one, String other) {
        Map<String, Object> a = JsonReader.object(one);
        Map<String, Object> b = JsonReader.object(other);
        List<String> keys = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String key : all) {
            if (!key.equals("trajectories") && !key.equals("settings") && !Objects.equals(a.get(key), b.get(key))) {
                keys.add(key.replace('_', ' '));
            }
        }
        return keys.isEmpty() ? "its grid" : String.join(", ", keys).toLowerCase(Locale.ROOT);
    }
}
