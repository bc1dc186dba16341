package org.biasflow.report.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.biasflow.data.DataFormatException;
import org.biasflow.data.ShellText;

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

    /**
     * The text columns of checkpoints.csv, which sweep.csv copies; the columns from {@code depth} to {@code run} are
     * text too, but a column's name does not say so.
     */
    static final Set<String> TEXT_COLUMNS = Set.of("target");

    private final List<String> columns;
    private final List<String> settingColumns;
    /** Per column, whether it holds text (its values in {@link Row#values} are NaN). */
    private final boolean[] text;
    private final List<Row> rows;
    /** The scales of the whole sweep, which a group's α is told apart from. */
    private final Set<Double> sweepAlphas;

    private SweepTable(List<String> columns, List<String> settingColumns, boolean[] text, List<Row> rows,
            Set<Double> sweepAlphas) {
        this.columns = columns;
        this.settingColumns = settingColumns;
        this.text = text;
        this.rows = rows;
        this.sweepAlphas = sweepAlphas;
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

    /**
     * The table of a {@code sweep.csv}. Blank lines are passed over; a row with another number of fields than the
     * header has columns, a numeric field that is not a number, or an α, D or log10 ε no trajectory can have is
     * refused, naming the file, the line and the field.
     */
    static SweepTable read(Path file) throws IOException {
        String content = Files.readString(file);
        List<String> lines = content.lines().toList();
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new DataFormatException(file.toString(), "is empty");
        }
        List<String> columns = List.of(lines.get(0).split(",", -1));
        if (lines.size() == 1 && !content.endsWith("\n")) {
            throw new DataFormatException(file.toString(), 1, "the file ends in the middle of its header (no line end"
                    + " after its " + columns.size() + " columns): it was cut short" + rebuildAdvice(file.getParent()));
        }
        int alpha = index(columns, "alpha", file);
        int depth = index(columns, "depth", file);
        int status = index(columns, "status", file);
        int loss = index(columns, "log10_loss", file);
        int run = columns.indexOf("run");
        if (status < depth) {
            throw new DataFormatException(file.toString(), 1, "the column 'status' comes before 'depth', and the"
                    + " settings the sweep varies are the columns between them");
        }
        List<String> settingColumns = columns.subList(depth + 1, status);
        boolean[] text = new boolean[columns.size()];
        for (int c = 0; c < text.length; c++) {
            text[c] = c > depth && c <= status || c == run || TEXT_COLUMNS.contains(columns.get(c));
        }
        List<Row> rows = new ArrayList<>();
        for (int k = 1; k < lines.size(); k++) {
            if (lines.get(k).isBlank()) {
                continue;
            }
            int line = k + 1;
            String[] cells = lines.get(k).split(",", -1);
            // biasflow ends every row with a line end, so a last row without one is what is left of a longer row
            if (k == lines.size() - 1 && !content.endsWith("\n")) {
                throw new DataFormatException(file.toString(), line, "the file ends in the middle of this row (no"
                        + " line end after its " + cells.length + " of " + columns.size() + " fields): it was cut short"
                        + rebuildAdvice(file.getParent()));
            }
            if (cells.length != columns.size()) {
                throw new DataFormatException(file.toString(), line, "expected " + columns.size() + " fields, one"
                        + " per column of the header, found " + cells.length);
            }
            double[] values = new double[cells.length];
            List<String> settings = new ArrayList<>();
            for (int c = 0; c < cells.length; c++) {
                values[c] = text[c] ? Double.NaN : number(cells[c], file, line, columns.get(c));
                if (c > depth && c < status && !cells[c].isEmpty()) {
                    settings.add(label(columns.get(c)) + " = " + cells[c]);
                }
            }
            if (!(values[alpha] > 0) || Double.isInfinite(values[alpha])) {
                throw new DataFormatException(file.toString(), line, "alpha " + cells[alpha] + " is not a scale: α"
                        + " is a finite number above 0");
            }
            if (values[depth] < 1 || values[depth] != Math.rint(values[depth]) || values[depth] > Integer.MAX_VALUE) {
                throw new DataFormatException(file.toString(), line, "depth " + cells[depth] + " is not a depth: D"
                        + " is a whole number, at least 1");
            }
            if (!Double.isFinite(values[loss])) {
                throw new DataFormatException(file.toString(), line, "log10_loss " + cells[loss] + " is not the"
                        + " log10 of a loss reached: it is a finite number at every checkpoint");
            }
            for (int c : List.of(status, run)) {
                if (c >= 0 && cells[c].isEmpty()) {
                    throw new DataFormatException(file.toString(), line, "the field '" + columns.get(c)
                            + "' is empty");
                }
            }
            String folder = run >= 0 ? cells[run] : "runs/alpha=" + cells[alpha] + "_depth=" + cells[depth];
            rows.add(new Row(values[alpha], (int) values[depth], List.of(cells).subList(depth + 1, status),
                    String.join(", ", settings), cells[status], folder, values[loss], values));
        }
        Set<Double> alphas = new HashSet<>();
        rows.forEach(row -> alphas.add(row.alpha()));
        return new SweepTable(columns, settingColumns, text, rows, alphas);
    }

    /**
     * How to write the sweep.csv of a sweep folder again from its trajectories' folders, as a sentence to append;
     * empty for a folder without the sweep.json that bf:sweep-merge needs.
     */
    static String rebuildAdvice(Path sweepFolder) {
        Path folder = sweepFolder == null ? Path.of(".") : sweepFolder;
        return Files.isRegularFile(folder.resolve("sweep.json")) ? "; bf:sweep-merge --out "
                + ShellText.argument(folder.toString()) + " writes it again from the trajectories' folders" : "";
    }

    /** A setting column as a reader names it: {@code width} for {@code option.width}. */
    static String label(String column) {
        return column.startsWith("option.") ? column.substring("option.".length()) : column;
    }

    private static double number(String cell, Path file, int line, String column) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file.toString(), line, "the field '" + column + "' is '" + cell
                    + "', not a number (NaN, Infinity and -Infinity stand for values that are not finite)");
        }
    }

    private static int index(List<String> columns, String name, Path file) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new DataFormatException(file.toString(), 1, "the header has no column '" + name + "'");
        }
        return index;
    }

    List<String> columns() {
        return columns;
    }

    /** Whether the column holds text, such as {@code status} or {@code target}, rather than numbers. */
    boolean isText(String column) {
        int index = column(column);
        return index >= 0 && text[index];
    }

    /** The column's index, or −1 when the sweep did not record it (an analyzer was missing). */
    int column(String name) {
        return columns.indexOf(name);
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * The trajectories of the sweep folder that have no rows in sweep.csv, as their run.json records them: those that
     * ended without reaching a checkpoint (such as a flow that could not start), and those the sweep leaves out of
     * the table (a failure of the machine, or columns that differ from the others'): {@code runs/NAME (WHY)} each.
     *
     * @throws IllegalArgumentException when sweep.csv disagrees with a trajectory's record: it holds another number of
     *                                  rows of it than its run.json counts checkpoints, as in a sweep.csv cut short or
     *                                  left from an earlier state of the sweep (named, with how to write it again)
     */
    List<String> withoutCheckpoints(Path sweepFolder) throws IOException {
        Path runs = sweepFolder.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        Map<String, Integer> rowsOfRun = new HashMap<>();
        rows.forEach(row -> rowsOfRun.merge(row.run(), 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        try (Stream<Path> folders = Files.list(runs)) {
            for (Path folder : folders.sorted().toList()) {
                String run = "runs/" + folder.getFileName();
                if (folder.getFileName().toString().startsWith(".")
                        || !Files.isRegularFile(folder.resolve("run.json"))) {
                    continue;
                }
                RunRecord record = RunRecord.read(folder.resolve("run.json"), "cannot tell whether " + sweepFolder
                        .resolve("sweep.csv") + " holds the trajectory's checkpoints");
                int rowCount = rowsOfRun.getOrDefault(run, 0);
                int checkpoints = record.checkpoints();
                if (rowCount > 0 && (rowCount == checkpoints || checkpoints < 0)) {
                    continue;
                }
                if (rowCount == 0 && checkpoints <= 0) {
                    missing.add(run + " (reached no checkpoint; " + record.outcome() + ")");
                } else if (rowCount == 0 && record.failedForTheMachine()) {
                    missing.add(run + " (" + checkpoints + " checkpoints, left out by the sweep, which runs it again"
                            + " on --resume; " + record.outcome() + ")");
                } else if (rowCount == 0 && columnsDiffer(folder.resolve("checkpoints.csv"))) {
                    missing.add(run + " (" + checkpoints + " checkpoints, left out by the sweep: their columns"
                            + " differ from the other trajectories', as when an analyzer came or went during the"
                            + " sweep; see its checkpoints.csv)");
                } else {
                    disagreements.add(run + " has " + rowCount + (rowCount == 1 ? " row" : " rows") + " where its"
                            + " run.json counts " + checkpoints + " checkpoints");
                }
            }
        }
        if (!disagreements.isEmpty()) {
            int named = Math.min(disagreements.size(), 3);
            throw new IllegalArgumentException(sweepFolder.resolve("sweep.csv") + " disagrees with the trajectories'"
                    + " records: " + String.join("; ", disagreements.subList(0, named))
                    + (disagreements.size() > named ? "; and " + (disagreements.size() - named) + " more" : "")
                    + ". It was cut short, or left from an earlier state of the sweep" + rebuildAdvice(sweepFolder));
        }
        return missing;
    }

    /** The columns sweep.csv copies from each trajectory's checkpoints.csv, after {@code status} and {@code run}. */
    private List<String> checkpointColumns() {
        return columns.subList(Math.max(columns.indexOf("status"), columns.indexOf("run")) + 1, columns.size());
    }

    /** Whether a trajectory's checkpoints.csv has a header, and another than the columns sweep.csv copies. */
    private boolean columnsDiffer(Path checkpoints) throws IOException {
        if (!Files.isRegularFile(checkpoints)) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(checkpoints)) {
            String header = reader.readLine();
            return header != null && !List.of(header.split(",", -1)).equals(checkpointColumns());
        }
    }

    /**
     * Why a sweep folder has nothing to report: no rows in its sweep.csv and no trajectory recorded in runs/ (see
     * {@link #withoutCheckpoints}).
     */
    static String nothingFinished(Path sweepFolder) {
        return sweepFolder.resolve("sweep.csv") + " has no checkpoints yet: no trajectory of the sweep has finished";
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

    /**
     * α as the report writes it: with {@code leastDigits} significant digits, or as many more as tell the sweep's
     * scales apart (1, 1.005 and 1.01 read "1.00", "1.00" and "1.01" with three), whichever group this table is.
     */
    String alphaText(double alpha, int leastDigits) {
        return significant(alpha, digitsTelling(sweepAlphas, leastDigits));
    }

    /** A number with {@code digits} significant digits: "0.100" for 0.1 with three. */
    static String significant(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "g", value);
    }

    /** The fewest significant digits, at least {@code leastDigits}, with which no two of the values read the same. */
    static int digitsTelling(Collection<Double> values, int leastDigits) {
        Set<Double> distinct = new HashSet<>(values);
        for (int digits = leastDigits; digits < 17; digits++) {
            int tried = digits;
            if (distinct.stream().map(value -> significant(value, tried)).distinct().count() == distinct.size()) {
                return digits;
            }
        }
        return 17; // tells every two doubles apart
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
        return new SweepTable(columns, settingColumns, text, rows.stream().filter(row -> row.settings().equals(
                settings)).toList(), sweepAlphas);
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
