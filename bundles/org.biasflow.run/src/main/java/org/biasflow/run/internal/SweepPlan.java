package org.biasflow.run.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.biasflow.api.DataSet;
import org.biasflow.api.TargetLoss;
import org.biasflow.data.DataFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.run.Shard;
import org.biasflow.run.SweepRequest;

/**
 * A sweep's grid as every process computes it from the same request: its trajectories in row order (repeated
 * values dropped), the {@code sweep.json} that describes it, and its shards.
 *
 * <p>sweep.json holds everything that decides the sweep's results and nothing that does not (no file paths, no
 * times), so two processes given the same sweep write the same bytes, and a resumed sweep or a shard can tell
 * whether a folder holds its sweep.
 */
final class SweepPlan {

    static final String FILE = "sweep.json";
    static final String FORMAT = "biasflow sweep 1";

    /** One trajectory of the grid, with its place in the row order. */
    record Cell(int index, double alpha, int depth) {

        String folderName() {
            return "alpha=" + alpha + "_depth=" + depth;
        }

        /**
         * The expected cost, relative to α = 1 at depth 2, of a trajectory: small scales spend long near the saddle
         * at the origin (measured: α = 1e-3 takes about 2.4 times the evaluations of α = 1), and depth 3 costs
         * about a quarter more per trajectory than depth 2. A whole number of millionths, so that every JVM sorts
         * the same costs the same way.
         */
        long cost() {
            double smallness = Math.max(0.0, -StrictMath.log10(alpha));
            double value = (1 + 0.45 * smallness) * (1 + 0.25 * Math.max(0, depth - 2));
            return Math.round(value * 1e6);
        }
    }

    private final List<Cell> cells;
    private final String manifest;
    private final List<String> notes;

    private SweepPlan(List<Cell> cells, String manifest, List<String> notes) {
        this.cells = List.copyOf(cells);
        this.manifest = manifest;
        this.notes = List.copyOf(notes);
    }

    /**
     * The plan of a request: its grid without repeats, and its sweep.json.
     *
     * @param integrator the integrator's name, the configured default resolved
     * @param tolerances the relative and absolute tolerances in force
     */
    static SweepPlan of(SweepRequest request, DataSet data, String integrator, double[] tolerances) {
        List<String> notes = new ArrayList<>();
        List<Double> alphas = distinct(request.alphas(), "alpha", "--alphas", notes);
        List<Integer> depths = distinct(request.depths(), "depth", "--depths", notes);
        List<Cell> cells = new ArrayList<>();
        for (double alpha : alphas) {
            for (int depth : depths) {
                cells.add(new Cell(cells.size(), alpha, depth));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        Map<String, Object> dataDescription = new LinkedHashMap<>();
        dataDescription.put("sha256", DataFiles.hash(data));
        dataDescription.put("points", data.size());
        dataDescription.put("features", data.dimension());
        json.put("data", dataDescription);
        json.put("model", request.model());
        json.put("loss", request.loss());
        json.put("integrator", integrator);
        json.put("relative_tolerance", tolerances[0]);
        json.put("absolute_tolerance", tolerances[1]);
        json.put("options", new TreeMap<>(request.options()));
        json.put("targets", request.targets().stream().map(TargetLoss::text).toList());
        json.put("alphas", alphas);
        json.put("depths", depths);
        List<Map<String, Object>> trajectories = new ArrayList<>();
        for (Cell cell : cells) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("alpha", cell.alpha());
            entry.put("depth", cell.depth());
            entry.put("folder", "runs/" + cell.folderName());
            trajectories.add(entry);
        }
        json.put("trajectories", trajectories);
        return new SweepPlan(cells, Json.write(json), notes);
    }

    /**
     * The plan a folder's sweep.json describes, or {@code null} when there is none.
     *
     * @throws IllegalStateException when the file is not a sweep description
     */
    static SweepPlan read(Path folder) {
        Path file = folder.resolve(FILE);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoProblems.reason(e), e);
        }
        try {
            Map<String, Object> json = JsonReader.object(text);
            if (!FORMAT.equals(json.get("format"))) {
                throw new IllegalStateException(file + " is not a biasflow sweep description (format "
                        + json.get("format") + ")");
            }
            List<Cell> cells = new ArrayList<>();
            for (Object entry : (List<?>) json.get("trajectories")) {
                Map<?, ?> trajectory = (Map<?, ?>) entry;
                cells.add(new Cell(cells.size(), ((Number) trajectory.get("alpha")).doubleValue(),
                        ((Number) trajectory.get("depth")).intValue()));
            }
            return new SweepPlan(cells, text, List.of());
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException state) {
                throw state;
            }
            throw new IllegalStateException(file + " is not a readable sweep description: " + e.getMessage(), e);
        }
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
            notes.add(name + " " + value + " appears more than once in " + option + "; it is run once");
        }
        return List.copyOf(kept);
    }

    List<Cell> cells() {
        return cells;
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
        List<Cell> byCost = new ArrayList<>(cells);
        byCost.sort(Comparator.comparingLong(Cell::cost).reversed().thenComparingInt(Cell::index));
        long[] load = new long[shard.count()];
        boolean[] mine = new boolean[cells.size()];
        for (Cell cell : byCost) {
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
            if (!key.equals("trajectories") && !Objects.equals(a.get(key), b.get(key))) {
                keys.add(key.replace('_', ' '));
            }
        }
        return keys.isEmpty() ? "its grid" : String.join(", ", keys).toLowerCase(Locale.ROOT);
    }
}
