package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rows of a {@code sweep.csv}, with the columns the report reads looked up by name. The columns between
 * {@code depth} and {@code status} are the settings the sweep varies beyond α and D (model, seed, shape, options):
 * trajectories that agree in them form a group, which the report shows side by side.
 */
final class SweepTable {

    /**
     * One checkpoint of one trajectory.
     *
     * @param settingValues the trajectory's values of the varied settings, as written (empty for an option its
     *                      model does not read)
     * @param settings the same in words, such as {@code seed = 1, width = 2}; empty when the sweep varies only α
     *                 and D
     * @param run its run folder, relative to the sweep folder
     */
    record Row(double alpha, int depth, List<String> settingValues, String settings, String status, String run,
            double log10Loss, double[] values) {
    }

    private final List<String> columns;
    private final List<String> settingColumns;
    private final List<Row> rows;

    private SweepTable(List<String> columns, List<String> settingColumns, List<Row> rows) {
        this.columns = columns;
        this.settingColumns = settingColumns;
        this.rows = rows;
    }

    /**
     * The table of a folder written by {@code bf:sweep --out DIR}, for a command that names itself in the error
     * when the folder holds no sweep.
     */
    static SweepTable ofSweepFolder(Path folder, String command) throws IOException {
        Path file = folder.resolve("sweep.csv");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(command + " reads a folder written by bf:sweep --out DIR, but "
                    + (Files.isDirectory(folder) ? file + " does not exist" : folder + " is not a folder"));
        }
        return read(file);
    }

    static SweepTable read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        List<String> columns = List.of(lines.get(0).split(","));
        int alpha = index(columns, "alpha", file);
        int depth = index(columns, "depth", file);
        int status = index(columns, "status", file);
        int loss = index(columns, "log10_loss", file);
        int run = columns.indexOf("run");
        List<String> settingColumns = columns.subList(depth + 1, status);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            double[] values = new double[cells.length];
            List<String> settings = new ArrayList<>();
            for (int c = 0; c < cells.length; c++) {
                boolean text = c == status || c == run || c > depth && c < status;
                values[c] = text ? Double.NaN : parse(cells[c]);
                if (c > depth && c < status && !cells[c].isEmpty()) {
                    settings.add(label(columns.get(c)) + " = " + cells[c]);
                }
            }
            String folder = run >= 0 ? cells[run] : "runs/alpha=" + cells[alpha] + "_depth=" + cells[depth];
            rows.add(new Row(values[alpha], (int) values[depth], List.of(cells).subList(depth + 1, status),
                    String.join(", ", settings), cells[status], folder, values[loss], values));
        }
        return new SweepTable(columns, settingColumns, rows);
    }

    /** A setting column as a reader names it: {@code width} for {@code option.width}. */
    static String label(String column) {
        return column.startsWith("option.") ? column.substring("option.".length()) : column;
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int index(List<String> columns, String name, Path file) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(file + " has no column '" + name + "'");
        }
        return index;
    }

    List<String> columns() {
        return columns;
    }

    /** The column's index, or −1 when the sweep did not record it (an analyzer was missing). */
    int column(String name) {
        return columns.indexOf(name);
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * The trajectories of the sweep folder that ended without reaching a checkpoint, so have no rows (such as a flow
     * that could not start): {@code runs/NAME (STATUS: MESSAGE)} each.
     */
    List<String> withoutCheckpoints(Path sweepFolder) throws IOException {
        Path runs = sweepFolder.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        Set<String> recorded = new HashSet<>();
        rows.forEach(row -> recorded.add(row.run()));
        List<String> missing = new ArrayList<>();
        try (Stream<Path> folders = Files.list(runs)) {
            for (Path folder : folders.sorted().toList()) {
                String run = "runs/" + folder.getFileName();
                if (!folder.getFileName().toString().startsWith(".") && !recorded.contains(run)
                        && Files.isRegularFile(folder.resolve("run.json"))) {
                    missing.add(run + " (" + RunRecord.read(folder.resolve("run.json")).outcome() + ")");
                }
            }
        }
        return missing;
    }

    /**
     * The trajectories of the sweep's grid (its sweep.json) that have not run, as when the sweep was stopped before
     * them: {@code runs/NAME} each, in grid order; empty when the folder has no sweep.json.
     */
    private static List<String> notRun(Path sweepFolder) throws IOException {
        Path manifest = sweepFolder.resolve("sweep.json");
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        if (RunRecord.json(manifest, "cannot tell which trajectories have run") instanceof Map<?, ?> sweep
                && sweep.get("trajectories") instanceof List<?> trajectories) {
            for (Object trajectory : trajectories) {
                if (trajectory instanceof Map<?, ?> entry && entry.get("folder") instanceof String folder
                        && !Files.isRegularFile(sweepFolder.resolve(folder).resolve("run.json"))) {
                    missing.add(folder);
                }
            }
        }
        return missing;
    }

    /**
     * "3 trajectories of the sweep's grid have not run (runs/A, runs/B, runs/C)", the first few named; null when every
     * one has.
     */
    static String notRunSentence(Path sweepFolder) throws IOException {
        List<String> missing = notRun(sweepFolder);
        if (missing.isEmpty()) {
            return null;
        }
        int named = Math.min(missing.size(), 5);
        return missing.size() + (missing.size() == 1 ? " trajectory" : " trajectories") + " of the sweep's grid"
                + (missing.size() == 1 ? " has" : " have") + " not run (" + String.join(", ", missing.subList(0, named))
                + (missing.size() > named ? ", and " + (missing.size() - named) + " more" : "") + ")";
    }

    /** The settings the sweep varies beyond α and D, as columns of sweep.csv. */
    List<String> settingColumns() {
        return settingColumns;
    }

    Set<Double> alphas() {
        Set<Double> alphas = new LinkedHashSet<>();
        rows.forEach(row -> alphas.add(row.alpha()));
        return alphas;
    }

    Set<Integer> depths() {
        Set<Integer> depths = new LinkedHashSet<>();
        rows.forEach(row -> depths.add(row.depth()));
        return depths;
    }

    /** The groups of trajectories of a depth that agree in every varied setting, in the order of the table. */
    Set<String> groups(int depth) {
        Set<String> groups = new LinkedHashSet<>();
        rows.stream().filter(row -> row.depth() == depth).forEach(row -> groups.add(row.settings()));
        return groups;
    }

    /** The rows of one group of trajectories, as a table of their own. */
    SweepTable group(String settings) {
        return new SweepTable(columns, settingColumns, rows.stream().filter(row -> row.settings().equals(settings))
                .toList());
    }

    /** The checkpoints of the (only) trajectory of this α and D, in the order reached; see {@link #group}. */
    List<Row> trajectory(double alpha, int depth) {
        return rows.stream().filter(row -> row.alpha() == alpha && row.depth() == depth).toList();
    }

    /** The trajectories in the order of the table, each by its first row. */
    List<Row> firstRows() {
        List<Row> first = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(row -> {
            if (seen.add(row.run())) {
                first.add(row);
            }
        });
        return first;
    }

    /** A trajectory's checkpoints as (log10 ε, value of the column); NaN values where the column is missing. */
    List<Crossing.Checkpoint> checkpoints(Row trajectory, String column) {
        return rows.stream().filter(row -> row.run().equals(trajectory.run()))
                .map(row -> new Crossing.Checkpoint(row.log10Loss(), value(row, column))).toList();
    }

    /** The checkpoints of the (only) trajectory of this α and D; see {@link #group}. */
    List<Crossing.Checkpoint> checkpoints(double alpha, int depth, String column) {
        return trajectory(alpha, depth).stream().map(row -> new Crossing.Checkpoint(row.log10Loss(),
                value(row, column))).toList();
    }

    /** Whether the column has a finite value at some checkpoint of the given depth. */
    boolean hasValues(String column, int depth) {
        return column(column) >= 0 && rows.stream().anyMatch(row -> row.depth() == depth
                && Double.isFinite(value(row, column)));
    }

    double value(Row row, String column) {
        int index = column(column);
        return index < 0 ? Double.NaN : row.values()[index];
    }

    @Override
    public String toString() {
        return rows.size() + " rows of " + Arrays.toString(columns.toArray());
    }
}
