package org.biasflow.run.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run defaults as configured, checked key by key. Config Admin hands values over as the text of a
 * {@code .cfg} file, and reading them through {@link RunDefaults} would throw a bare NumberFormatException at every
 * use, naming neither file nor key; so each value is parsed here once, and every problem (an unknown key, text
 * that is not a number, a tolerance outside (0, 1) or beyond the double range, a relative one too small for doubles)
 * is kept as one sentence that names the file and the key. Runs are refused while there is a problem;
 * {@code bf:defaults} shows it.
 *
 * @param values setting name → value in force; a key whose value has a problem keeps its default
 * @param problem every problem found, or null
 */
record RunSettings(Map<String, Object> values, String problem) {

    static final String INTEGRATOR = "integrator";
    static final String RELATIVE_TOLERANCE = "relativeTolerance";
    static final String ABSOLUTE_TOLERANCE = "absoluteTolerance";
    static final String OUTPUT_FOLDER = "outputFolder";
    /** The key under which {@code bf:defaults} shows a problem of the configuration. */
    static final String PROBLEM = "PROBLEM";
    private static final List<String> KEYS = List.of(INTEGRATOR, RELATIVE_TOLERANCE, ABSOLUTE_TOLERANCE,
            OUTPUT_FOLDER);
    private static final Set<String> TOLERANCES = Set.of(RELATIVE_TOLERANCE, ABSOLUTE_TOLERANCE);
    /** Set by Felix File Install to the URL of the .cfg file the configuration came from. */
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";
    /** UTF-8's byte-order mark as File Install reads a .cfg file, in Latin-1, as Java properties files are. */
    private static final String BYTE_ORDER_MARK = "\u00ef\u00bb\u00bf";

    static RunSettings from(Map<String, ?> properties) {
        Object file = properties.get(FILE_PROPERTY);
        String origin = file != null ? file.toString().replaceFirst("^file:", "")
                : "the configuration " + TrajectoryRunnerComponent.PID;
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : KEYS) {
            Object value = properties.get(key);
            Object checked = value == null ? null
                    : TOLERANCES.contains(key) ? tolerance(origin, key, value, problems) : value.toString().trim();
            values.put(key, checked == null ? defaultOf(key) : checked);
        }
        for (String key : properties.keySet()) {
            // Config Admin, SCR and File Install add dotted keys (service.pid, component.name, osgi.ds.…); ours have
            // no dot, so a key without one that is not ours is a misspelling.
            if (key.startsWith(BYTE_ORDER_MARK)) {
                problems.add(origin + " begins with a byte-order mark (BOM), which a .cfg file read as Latin-1 takes"
                        + " for part of its first key, '" + key.substring(BYTE_ORDER_MARK.length()) + "': save the"
                        + " file without it");
            } else if (!KEYS.contains(key) && !key.contains(".")) {
                problems.add("unknown key '" + key + "' in " + origin + "; the keys are " + String.join(", ", KEYS));
            }
        }
        return new RunSettings(values, problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** A tolerance as a double in (0, 1), or null after adding a problem. */
    private static Double tolerance(String origin, String key, Object value, List<String> problems) {
        String where = key + " = " + value + " in " + origin;
        double number;
        try {
            number = value instanceof Number given ? given.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            number = Double.NaN;
        }
        if (Double.isNaN(number)) {
            problems.add(where + " is not a number");
            return null;
        }
        if (!Double.isFinite(number)) {
            problems.add(where + " is beyond the double range (it would be read as " + number + ")");
            return null;
        }
        if (!(number > 0 && number < 1)) {
            problems.add(where + " must lie between 0 and 1, exclusive");
            return null;
        }
        String problem = key.equals(RELATIVE_TOLERANCE) ? RunChecks.relativeToleranceProblem(number) : null;
        if (problem != null) {
            problems.add(where + " is " + problem);
            return null;
        }
        return number;
    }

    private static Object defaultOf(String key) {
        try {
            return RunDefaults.class.getDeclaredMethod(key).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(key + " is a setting of RunDefaults", e);
        }
    }

    String integrator() {
        return (String) values.get(INTEGRATOR);
    }

    double relativeTolerance() {
        return (Double) values.get(RELATIVE_TOLERANCE);
    }

    double absoluteTolerance() {
        return (Double) values.get(ABSOLUTE_TOLERANCE);
    }

    String outputFolder() {
        return (String) values.get(OUTPUT_FOLDER);
    }

    /** Refuses a run while the configuration has a problem. */
    void requireValid() {
        if (problem != null) {
            throw new IllegalArgumentException("the run defaults cannot be used: " + problem);
        }
    }
}
