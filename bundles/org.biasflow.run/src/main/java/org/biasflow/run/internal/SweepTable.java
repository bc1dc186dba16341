package org.biasflow.run.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.biasflow.data.AtomicFiles;
import org.biasflow.data.IoProblems;
import org.biasflow.run.internal.SweepPlan.Cell;

/**
 * The trajectories of a sweep as they are on disk, and {@code sweep.csv} made from them: one row per checkpoint,
 * {@code alpha,depth,}, the settings the sweep varies, {@code status,run,} and the trajectory's own checkpoints.csv
 * row, in grid order. Made from the files
 * alone, the table is the same whichever process ran which trajectory, in whatever order.
 */
final class SweepTable {

    static final String FILE = "sweep.csv";

    /** The statuses in the order they are counted and printed; {@code not_run} is for trajectories not recorded. */
    static final List<String> STATUSES = List.of("completed", "stalled", "limit_reached", "failed", "cancelled",
            "not_run");

    /** What {@link #load} says of a run that ran out of memory. */
    static final String OUT_OF_MEMORY = "out of memory";

    /** A recorded trajectory: its status and message from run.json, and its checkpoints.csv lines. */
    record Recorded(String status, String message, List<String> lines) {
    }

    /** While trajectories end, sweep.csv is written again at most this often; {@link #write} writes it at once. */
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final Path root;
    private final String dataHash;
    private final Map<Integer, Recorded> recorded = new TreeMap<>();
    private long lastWrite = Long.MIN_VALUE;

    /** @param dataHash the SHA-256 of the sweep's data, as its sweep.json records it */
    SweepTable(Path root, String dataHash) {
        this.root = root;
        this.dataHash = dataHash;
    }

    static Path folder(Path root, Cell cell) {
        return root.resolve("runs").resolve(cell.folderName());
    }

    /**
     * Reads a trajectory's folder and remembers its record when it holds a complete one: a run.json of a run that did
     * not fail for want of memory or of room for its files, of the sweep's data, beside the files it lists, each of
     * whole lines and the rows it counts (a file cut short, by a copy or a full disk, is no record of the run).
     *
     * @return null when it does; otherwise why not: what is missing, {@link #OUT_OF_MEMORY} for a run that ran out of
     *         memory, the message of a run whose files could not be written, or what is wrong with its files
     * @throws UncheckedIOException when the folder cannot be read
     */
    synchronized String load(Cell cell) {
        recorded.remove(cell.index());
        Path folder = folder(root, cell);
        Path record = folder.resolve("run.json");
        Map<String, Object> run;
        List<String> lines;
        try {
            try {
                run = JsonReader.object(Files.readString(record));
            } catch (IllegalArgumentException e) {
                return record + " is cut short or not valid JSON (" + e.getMessage() + ")";
            }
            String failure = machineFailure(run);
            if (failure != null) {
                return failure; // --resume runs it again
            }
            String damage = damage(folder, record, run, cell);
            if (damage != null) {
                return damage;
            }
            lines = Files.readAllLines(folder.resolve("checkpoints.csv"));
        } catch (NoSuchFileException e) {
            return IoProblems.reason(e);
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("read", folder, e), e);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        recorded.put(cell.index(), new Recorded(String.valueOf(run.get("status")),
                run.get("message") == null ? "" : run.get("message").toString(), List.copyOf(lines)));
        return null;
    }

    /**
     * What is wrong with a recorded run's files, or null: data other than the sweep's, or a file it lists that does
     * not hold whole lines, a header and the rows its run.json counts (a row per checkpoint, N rows of points each).
     *
     * @throws IllegalArgumentException naming the field of run.json that is missing or of another type
     */
    private String damage(Path folder, Path record, Map<String, Object> run, Cell cell) throws IOException {
        String other = otherTrajectory(record, run, cell);
        if (other != null) {
            return other;
        }
        Map<?, ?> data = JsonReader.field(record, run, "", "data", Map.class);
        String recordedHash = JsonReader.field(record, data, "data", "sha256", String.class);
        if (!recordedHash.equals(dataHash)) {
            return record + " is of other data than the sweep's (its data.sha256 begins " + begin(recordedHash)
                    + ", the sweep's " + begin(dataHash) + ")";
        }
        long checkpoints = JsonReader.field(record, JsonReader.field(record, run, "", "counts", Map.class), "counts",
                "checkpoints", Double.class).longValue();
        long points = JsonReader.field(record, data, "data", "points", Double.class).longValue();
        List<?> files = JsonReader.nullable(record, run, "", "files", List.class);
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("checkpoints.csv", checkpoints);
        rows.put("points.csv", checkpoints * points);
        rows.put("parameters.csv", checkpoints);
        for (Map.Entry<String, Long> file : rows.entrySet()) {
            if (file.getKey().equals("checkpoints.csv") || files != null && files.contains(file.getKey())) {
                String problem = lineDamage(folder.resolve(file.getKey()), file.getValue(), record);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /**
     * Why a record is another trajectory's (a run.json copied from a neighbouring folder), or null: its model, α, D
     * and seed are the cell's.
     */
    private static String otherTrajectory(Path record, Map<String, Object> run, Cell cell) {
        Map<?, ?> configuration = JsonReader.field(record, run, "", "configuration", Map.class);
        String model = JsonReader.field(record, configuration, "configuration", "model", String.class);
        double alpha = JsonReader.field(record, configuration, "configuration", "alpha", Double.class);
        double depth = JsonReader.field(record, configuration, "configuration", "depth", Double.class);
        double seed = JsonReader.field(record, configuration, "configuration", "seed", Double.class);
        if (model.equals(cell.model()) && alpha == cell.alpha() && depth == cell.depth() && seed == cell.seed()) {
            return null;
        }
        return record + " is the record of another trajectory (model " + model + ", alpha " + alpha + ", depth "
                + (long) depth + ", seed " + (long) seed + "), not of this folder's (model " + cell.model() + ", alpha "
                + cell.alpha() + ", depth " + cell.depth() + ", seed " + cell.seed() + ")";
    }

    /** Why {@code file} is not a header and {@code rows} rows, each a whole line and none blank, or null. */
    private static String lineDamage(Path file, long rows, Path record) throws IOException {
        long lines = 0;
        long blank = 0;
        int previous = '\n';
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        blank += previous == '\n' ? 1 : 0;
                    }
                    previous = buffer[i];
                }
            }
        }
        if (lines == 0 && previous == '\n') {
            return file + " is empty";
        }
        if (previous != '\n') {
            return file + " ends within a line: it was cut short";
        }
        if (blank > 0) {
            return file + " holds " + blank + (blank == 1 ? " blank line" : " blank lines");
        }
        return lines - 1 == rows ? null : file + " holds " + Math.max(0, lines - 1) + " rows, not the " + rows
                + " that " + record + " counts";
    }

    static String begin(String hash) {
        return hash.substring(0, Math.min(12, hash.length()));
    }

    /** The SHA-256 of the data a run folder's record says its run read, or null when it says none or is unreadable. */
    static String dataHash(Path folder) {
        try {
            return dataHash(JsonReader.object(Files.readString(folder.resolve("run.json"))));
        } catch (IOException | IllegalArgumentException e) {
            return null; // what is wrong with the record is said when the sweep reads it
        }
    }

    /** The SHA-256 under "data" of a run's record or a sweep's manifest, which both describe their data so. */
    static String dataHash(Map<String, Object> record) {
        return record.get("data") instanceof Map<?, ?> data && data.get("sha256") instanceof String hash ? hash : null;
    }

    synchronized boolean has(Cell cell) {
        return recorded.containsKey(cell.index());
    }

    private static String machineFailure(Map<String, Object> run) {
        if (Boolean.TRUE.equals(run.get("write_failed"))) {
            return String.valueOf(run.get("message"));
        }
        return Boolean.TRUE.equals(run.get("out_of_memory")) ? OUT_OF_MEMORY : null;
    }

    /**
     * Writes sweep.csv as {@link #write} does unless it was written less than {@link #REFRESH_NANOS} ago: rewriting
     * the whole table after each of many short trajectories made the sweep's threads wait on one another, and the
     * sweep's end writes it whole anyway.
     */
    synchronized void refresh(List<Cell> cells, List<String> settings) {
        if (lastWrite == Long.MIN_VALUE || System.nanoTime() - lastWrite >= REFRESH_NANOS) {
            write(cells, settings);
        }
    }

    /**
     * Writes sweep.csv (atomically) from the recorded trajectories among {@code cells}, in their order, with a column
     * for each of the sweep's varied {@code settings}.
     *
     * @return one sentence per trajectory whose columns differ from the first one's (its rows are left out)
     */
    synchronized List<String> write(List<Cell> cells, List<String> settings) {
        String header = null;
        List<String> problems = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Cell cell : cells) {
            Recorded run = recorded.get(cell.index());
            if (run == null) {
                continue;
            }
            String columns = "alpha,depth," + settings.stream().map(setting -> setting + ",").collect(
                    java.util.stream.Collectors.joining()) + "status,run," + run.lines().get(0);
            if (header == null) {
                header = columns;
                text.append(header).append('\n');
            } else if (!header.equals(columns)) {
                problems.add(cell.folderName() + ": its columns differ from the other trajectories' (an analyzer"
                        + " came or went during the sweep); see its own checkpoints.csv");
                continue;
            }
            StringBuilder prefix = new StringBuilder().append(cell.alpha()).append(',').append(cell.depth())
                    .append(',');
            settings.forEach(setting -> prefix.append(cell.setting(setting)).append(','));
            prefix.append(run.status()).append(",runs/").append(cell.folderName()).append(',');
            for (String row : run.lines().subList(1, run.lines().size())) {
                text.append(prefix).append(row).append('\n');
            }
        }
        Path file = root.resolve(FILE);
        lastWrite = System.nanoTime();
        try {
            if (header == null) {
                Files.deleteIfExists(file);
            } else {
                AtomicFiles.write(file, text.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannotWrite(file, e), e);
        }
        return problems;
    }

    /** How many of {@code cells} have each status, {@code not_run} for those not recorded, in {@link #STATUSES} order. */
    synchronized Map<String, Integer> statuses(List<Cell> cells) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Cell cell : cells) {
            Recorded run = recorded.get(cell.index());
            counts.merge(run == null ? "not_run" : run.status(), 1, Integer::sum);
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        STATUSES.forEach(status -> {
            if (counts.containsKey(status)) {
                ordered.put(status, counts.remove(status));
            }
        });
        ordered.putAll(counts);
        return ordered;
    }

    /** One line per recorded trajectory among {@code cells} that did not complete. */
    synchronized List<String> problems(List<Cell> cells) {
        List<String> problems = new ArrayList<>();
        for (Cell cell : cells) {
            Recorded run = recorded.get(cell.index());
            if (run != null && !run.status().equals("completed")) {
                problems.add(cell.folderName() + ": " + run.status() + ": " + run.message());
            }
        }
        return problems;
    }

    synchronized int count(List<Cell> cells) {
        return (int) cells.stream().filter(cell -> recorded.containsKey(cell.index())).count();
    }
}
