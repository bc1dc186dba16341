package org.biasflow.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.biasflow.api.ModelSpec;
import org.biasflow.api.TargetLoss;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunRequest;

/**
 * The configuration a trajectory's {@code run.json} records, read back so the same trajectory can be run again
 * with other checkpoints. Reads the JSON the run engine writes (objects, arrays, strings, numbers, null).
 */
final class RunRecord {

    private final Path file;
    private final Map<?, ?> record;
    private final Map<?, ?> configuration;
    private final Map<?, ?> data;

    private RunRecord(Path file, Map<?, ?> record) {
        this.file = file;
        this.record = record;
        this.configuration = (Map<?, ?>) record.get("configuration");
        this.data = (Map<?, ?>) record.get("data");
        if (configuration == null || data == null) {
            throw new IllegalArgumentException(file + " has no configuration or data: it is not a run.json of"
                    + " biasflow");
        }
    }

    /** The record of a trajectory to run again; see {@link #read(Path, String)}. */
    static RunRecord read(Path file) throws IOException {
        return read(file, "cannot re-run the trajectory");
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
     */
    RunRequest request(List<TargetLoss> targets, Path output) {
        Map<String, String> options = strings("options");
        options.putIfAbsent("rtol", number("relative_tolerance"));
        options.putIfAbsent("atol", number("absolute_tolerance"));
        ModelSpec spec = new ModelSpec(((Number) field(configuration, "depth")).intValue(),
                ((Number) field(configuration, "alpha")).doubleValue(), doubles("shape"), doubles("negative_shape"),
                ((Number) field(configuration, "seed")).longValue(), strings("model_options"));
        return new RunRequest(Path.of((String) field(data, "file")), (String) field(configuration, "model"), spec,
                (String) field(configuration, "loss"), targets, output, (String) field(configuration, "integrator"),
                options, ParameterOutput.NONE);
    }

    private Object field(Map<?, ?> object, String name) {
        Object value = object.get(name);
        if (value == null && !"negative_shape".equals(name)) {
            throw new IllegalArgumentException(file + " has no '" + name + "': cannot re-run the trajectory");
        }
        return value;
    }

    private String number(String name) {
        return Double.toString(((Number) field(configuration, name)).doubleValue());
    }

    private double[] doubles(String name) {
        List<?> values = (List<?>) field(configuration, name);
        return values == null ? null : values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private Map<String, String> strings(String name) {
        Map<String, String> strings = new LinkedHashMap<>();
        ((Map<?, ?>) field(configuration, name)).forEach((key, value) -> strings.put((String) key,
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
