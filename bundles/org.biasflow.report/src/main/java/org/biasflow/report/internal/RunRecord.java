package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.biasflow.api.ModelSpec;
import org.biasflow.api.TargetLoss;
import org.biasflow.data.DataFiles;
import org.biasflow.data.JsonValues;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunRequest;

/**
 * The configuration a trajectory's {@code run.json} records, read back so the same trajectory can be run again
 * with other checkpoints. Reads the JSON the run engine writes (objects, arrays, strings, numbers, null).
 */
final class RunRecord {

    /** What a record that cannot be read prevents, said after what is wrong with it. */
    private static final String CONSEQUENCE = "cannot re-run the trajectory";

    private final Path file;
    private final Map<?, ?> record;

    private RunRecord(Path file, Map<?, ?> record) {
        this.file = file;
        this.record = record;
        if (!(record.get("configuration") instanceof Map) || !(record.get("data") instanceof Map)) {
            throw new IllegalArgumentException(file + " has no configuration or data: it is not a run.json of"
                    + " biasflow");
        }
    }

    /** The record of a trajectory to run again; see {@link #read(Path, String)}. */
    static RunRecord read(Path file) throws IOException {
        return read(file, CONSEQUENCE);
    }

    /** A trajectory's record; {@code consequence} says what a missing or truncated file prevents. */
    static RunRecord read(Path file, String consequence) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(consequence + ": " + file + " does not exist");
        }
        Object value = json(file, consequence);
        if (!(value instanceof Map<?, ?> record)) {
            throw new IllegalArgumentException(file + " is not a JSON object");
        }
        return new RunRecord(file, record);
    }

    /** The JSON value a file of the run engine holds; {@code consequence} says what a truncated file prevents. */
    static Object json(Path file, String consequence) throws IOException {
        try {
            return new Reader(Files.readString(file), file).value();
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(file + " ends before its JSON does: " + consequence, e);
        }
    }

    /**
     * The content hash of the data a sweep ran on, as its {@code sweep.json} records it: what a report made from the
     * sweep's data file again must find there.
     */
    static String sweepDataHash(Path sweepRecord) throws IOException {
        String consequence = "cannot tell which data the sweep ran on";
        if (!Files.isRegularFile(sweepRecord)) {
            throw new IllegalArgumentException(sweepRecord + " does not exist: " + consequence);
        }
        if (json(sweepRecord, consequence) instanceof Map<?, ?> sweep && sweep.get("data") instanceof Map<?, ?> data
                && data.get("sha256") instanceof String hash) {
            return hash;
        }
        throw new IllegalArgumentException(sweepRecord + " has no 'data.sha256' text: " + consequence);
    }

    /**
     * Refuses the record of another trajectory than a sweep.csv row's (a run.json copied from a neighbouring folder):
     * re-run, it would be of another α or D.
     */
    void requireOf(double alpha, int depth) {
        double recordedAlpha = field(Number.class, "configuration", "alpha").doubleValue();
        int recordedDepth = field(Number.class, "configuration", "depth").intValue();
        if (recordedAlpha != alpha || recordedDepth != depth) {
            throw new IllegalArgumentException(file + " is the record of alpha " + recordedAlpha + ", depth "
                    + recordedDepth + ", not of the trajectory of alpha " + alpha + ", depth " + depth + " that"
                    + " sweep.csv places there: " + CONSEQUENCE);
        }
    }

    /** How the trajectory ended: its status, and the message when it has one. */
    String outcome() {
        Object message = record.get("message");
        return record.get("status") + (message == null || message.toString().isEmpty() ? "" : ": " + message);
    }

    /** The checkpoints the run reached, as its {@code counts.checkpoints} says; −1 when the record does not say. */
    int checkpoints() {
        return record.get("counts") instanceof Map<?, ?> counts && counts.get("checkpoints") instanceof Number count
                ? count.intValue() : -1;
    }

    /**
     * Whether the run failed for want of memory or of room for its files: a failure of the machine, which a sweep
     * leaves out of sweep.csv to run again on {@code --resume}.
     */
    boolean failedForTheMachine() {
        return Boolean.TRUE.equals(record.get("out_of_memory")) || Boolean.TRUE.equals(record.get("write_failed"));
    }

    /**
     * The recorded trajectory with new checkpoints, written to {@code output}: same data, model, initialization,
     * loss, integrator, options and tolerances; no parameters file.
     *
     * @throws IllegalArgumentException when a field is missing or of another type than the run engine writes, or
     *         the data file no longer holds the data the run read ({@link DataFiles#readRecorded}): a re-run would be
     *         of other data
     */
    RunRequest request(List<TargetLoss> targets, Path output) {
        Path data = Path.of(field(String.class, "data", "file"));
        DataFiles.readRecorded(data, field(String.class, "data", "sha256"), file);
        Map<String, String> options = strings("options");
        options.putIfAbsent("rtol", number("relative_tolerance"));
        options.putIfAbsent("atol", number("absolute_tolerance"));
        ModelSpec spec = new ModelSpec(field(Number.class, "configuration", "depth").intValue(),
                field(Number.class, "configuration", "alpha").doubleValue(), doubles("shape"),
                doubles("negative_shape"), field(Number.class, "configuration", "seed").longValue(),
                strings("model_options"));
        return new RunRequest(data, field(String.class, "configuration", "model"), spec,
                field(String.class, "configuration", "loss"), targets, output,
                field(String.class, "configuration", "integrator"), options, ParameterOutput.NONE);
    }

    /**
     * The field at {@code path}, one name per level of objects, as a {@code type}: one absent, or of another type (a
     * hand-edited record), is refused naming the file and the field.
     */
    private <T> T field(Class<T> type, String... path) {
        Object value = record;
        for (int level = 0; level < path.length; level++) {
            String name = String.join(".", Arrays.asList(path).subList(0, level + 1));
            value = ((Map<?, ?>) value).get(path[level]);
            if (value == null) {
                throw new IllegalArgumentException(file + " has no '" + name + "': " + CONSEQUENCE);
            }
            Class<?> expected = level == path.length - 1 ? type : Map.class;
            if (!expected.isInstance(value)) {
                throw new IllegalArgumentException(file + ": '" + name + "' is " + JsonValues.found(value)
                        + ", expected " + JsonValues.kind(expected) + ": " + CONSEQUENCE);
            }
        }
        return type.cast(value);
    }

    private String number(String name) {
        return Double.toString(field(Number.class, "configuration", name).doubleValue());
    }

    /** A list of numbers; null for a null negative shape, the balanced initialization. */
    private double[] doubles(String name) {
        if (name.equals("negative_shape") && ((Map<?, ?>) record.get("configuration")).get(name) == null) {
            return null;
        }
        List<?> values = field(List.class, "configuration", name);
        double[] numbers = new double[values.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(values.get(i) instanceof Number number)) {
                throw new IllegalArgumentException(file + ": 'configuration." + name + "' holds "
                        + (values.get(i) == null ? "null" : JsonValues.found(values.get(i))) + ", expected numbers: "
                        + CONSEQUENCE);
            }
            numbers[i] = number.doubleValue();
        }
        return numbers;
    }

    private Map<String, String> strings(String name) {
        Map<String, String> strings = new LinkedHashMap<>();
        field(Map.class, "configuration", name).forEach((key, value) -> strings.put((String) key,
                String.valueOf(value)));
        return strings;
    }

    /** A recursive-descent reader of one JSON value. */
    private static final class Reader {
        private final String text;
        private final Path file;
        private int at;

        Reader(String text, Path file) {
            this.text = text;
            this.file = file;
        }

        Object value() {
            skipSpace();
            if (at >= text.length()) {
                throw problem("a value");
            }
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> object = new LinkedHashMap<>();
                at++;
                skipSpace();
                if (text.charAt(at) == '}') {
                    at++;
                    return object;
                }
                do {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    object.put(key, value());
                    skipSpace();
                } while (text.charAt(at++) == ',');
                return closed(object, '}');
            }
            if (c == '[') {
                List<Object> array = new ArrayList<>();
                at++;
                skipSpace();
                if (text.charAt(at) == ']') {
                    at++;
                    return array;
                }
                do {
                    array.add(value());
                    skipSpace();
                } while (text.charAt(at++) == ',');
                return closed(array, ']');
            }
            if (c == '"') {
                return string();
            }
            int start = at;
            while (at < text.length() && ",}] \n\r\t".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            String word = text.substring(start, at);
            return switch (word) {
                case "null" -> null;
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> {
                    try {
                        yield Double.parseDouble(word);
                    } catch (NumberFormatException e) {
                        at = start;
                        throw problem("a value");
                    }
                }
            };
        }

        private Object closed(Object value, char close) {
            if (text.charAt(at - 1) != close) {
                at--;
                throw problem("'" + close + "'");
            }
            return value;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
            at++;
            return out.toString();
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw problem("'" + c + "'");
            }
            at++;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException problem(String expected) {
            return new IllegalArgumentException(file + ": expected " + expected + " at character " + at
                    + " (not the JSON biasflow writes)");
        }
    }
}
