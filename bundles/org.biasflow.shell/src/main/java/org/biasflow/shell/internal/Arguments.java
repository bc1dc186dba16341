package org.biasflow.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.biasflow.api.TargetLoss;

/** The list and range notations the bf: commands accept. */
final class Arguments {

    static final String TARGETS_HELP = "comma-separated target losses or ranges, read as log10 values:"
            + " 1e-10 | A:B (every decade from A to B) | A:B:n (n values, log-spaced in log(1/eps))";
    static final String DATA_HELP = "data file: CSV (y,x1,...,xd) or LIBSVM (.svm, .libsvm), either of them"
            + " gzip-compressed or not";
    static final String VALUES_HELP = "comma-separated values or log-spaced ranges FROM:TO:COUNT, e.g. 1e-3:1e3:13";

    private Arguments() {
    }

    /** Target losses, largest first, without repeats; see {@link #TARGETS_HELP}. */
    static List<TargetLoss> targets(String list) {
        Map<Double, TargetLoss> byLog10 = new TreeMap<>((a, b) -> Double.compare(b, a));
        for (String item : items(list)) {
            String[] range = item.split(":");
            if (range.length == 1) {
                TargetLoss target = parseTarget(item);
                byLog10.putIfAbsent(target.log10(), target);
                continue;
            }
            if (range.length > 3) {
                throw new IllegalArgumentException("'" + item + "' is not a range A:B or A:B:n");
            }
            double from = parseTarget(range[0]).log10();
            double to = parseTarget(range[1]).log10();
            List<Double> exponents = range.length == 2 ? decades(from, to, item) : logSpacedExponents(from, to,
                    count(range[2], item), item);
            for (double exponent : exponents) {
                byLog10.putIfAbsent(exponent, TargetLoss.ofLog10(exponent));
            }
        }
        if (byLog10.isEmpty()) {
            throw new IllegalArgumentException("no target loss given");
        }
        return List.copyOf(byLog10.values());
    }

    /** A target, with a hint when a shell has already turned a bare literal beyond the double range into 0.0. */
    private static TargetLoss parseTarget(String item) {
        if (item.equals("0.0") || item.equals("Infinity")) {
            throw new IllegalArgumentException("target loss '" + item + "': the shell read a bare number outside the"
                    + " double range as " + item + "; quote it, as in --eps '1e-10000'");
        }
        return TargetLoss.parse(item);
    }

    private static List<Double> decades(double from, double to, String item) {
        if (from != Math.rint(from) || to != Math.rint(to) || to > from) {
            throw new IllegalArgumentException("'" + item + "': a range A:B runs through whole decades from a"
                    + " larger A to a smaller B, such as 1e-1:1e-10");
        }
        if (from - to > 10_000) {
            throw new IllegalArgumentException("'" + item + "' would be " + (long) (from - to + 1)
                    + " targets; use A:B:n for log-spaced targets");
        }
        List<Double> exponents = new ArrayList<>();
        for (double e = from; e >= to; e--) {
            exponents.add(e);
        }
        return exponents;
    }

    /** n exponents whose magnitudes log10(1/ε) are log-spaced from that of A to that of B. */
    private static List<Double> logSpacedExponents(double from, double to, int n, String item) {
        if (from >= 0 || to >= 0) {
            throw new IllegalArgumentException("'" + item + "': log-spaced ranges need targets below 1");
        }
        List<Double> exponents = new ArrayList<>();
        for (double magnitude : logSpaced(-from, -to, n)) {
            exponents.add(-magnitude);
        }
        return exponents;
    }

    /** Plain values and log-spaced ranges; see {@link #VALUES_HELP}. */
    static List<Double> values(String list) {
        List<Double> values = new ArrayList<>();
        for (String item : items(list)) {
            String[] range = item.split(":");
            if (range.length == 1) {
                values.add(number(item));
            } else if (range.length == 3) {
                double from = number(range[0]);
                double to = number(range[1]);
                if (!(from > 0) || !(to > 0)) {
                    throw new IllegalArgumentException("'" + item + "': a log-spaced range needs positive ends");
                }
                values.addAll(logSpaced(from, to, count(range[2], item)));
            } else {
                throw new IllegalArgumentException("'" + item + "' is neither a number nor a range FROM:TO:COUNT");
            }
        }
        return values;
    }

    /** n values from a to b, equally spaced in log10, with the ends exact and interior values rounded to 12 digits. */
    static List<Double> logSpaced(double a, double b, int n) {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double value = n == 1 ? a : Math.pow(10, Math.log10(a) + (Math.log10(b) - Math.log10(a)) * k / (n - 1));
            values.add(k == n - 1 ? b : k == 0 ? a : Double.parseDouble(String.format("%.12g", value)));
        }
        return values;
    }

    static double[] numbers(String list) {
        return items(list).stream().mapToDouble(Arguments::number).toArray();
    }

    static Map<String, String> keyValues(String list) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : items(list)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("option '" + pair + "' is not of the form key=value");
            }
            String key = pair.substring(0, equals).trim();
            String earlier = pairs.put(key, pair.substring(equals + 1).trim());
            if (earlier != null) {
                throw new IllegalArgumentException("option " + key + " is given twice (" + key + "=" + earlier + " and "
                        + pair.trim() + "): give it once; a sweep takes its values as one list, " + key + "=a|b");
            }
        }
        return pairs;
    }

    /** The options with the run engine's rtol and atol set from --rtol and --atol when given. */
    static Map<String, String> withTolerances(Map<String, String> options, String rtol, String atol) {
        Map<String, String> all = new LinkedHashMap<>(options);
        for (Map.Entry<String, String> tolerance : Map.of("rtol", rtol, "atol", atol).entrySet()) {
            if (!tolerance.getValue().isEmpty()) {
                if (all.containsKey(tolerance.getKey())) {
                    throw new IllegalArgumentException("--" + tolerance.getKey() + " and --options "
                            + tolerance.getKey() + "=... both set the " + tolerance.getKey() + "; give one");
                }
                all.put(tolerance.getKey(), tolerance.getValue());
            }
        }
        return all;
    }

    /** Seeds: whole numbers and inclusive ranges A:B, comma-separated, as in 1,2,5:8. */
    static List<Long> seeds(String list) {
        List<Long> seeds = new ArrayList<>();
        for (String item : items(list)) {
            String[] range = item.split(":", -1);
            if (range.length > 2) {
                throw new IllegalArgumentException("--seeds '" + item + "' is neither a whole number nor a range A:B");
            }
            long from = wholeNumber(range[0], item);
            long to = range.length == 2 ? wholeNumber(range[1], item) : from;
            if (to < from || to - from >= MOST_SEEDS) {
                throw new IllegalArgumentException("--seeds '" + item + "': a range A:B runs up from A to B, with at"
                        + " most " + MOST_SEEDS + " seeds");
            }
            for (long seed = from; seed <= to; seed++) {
                seeds.add(seed);
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds '" + list + "' gives no seed");
        }
        return seeds;
    }

    private static final int MOST_SEEDS = 100_000;

    private static long wholeNumber(String text, String item) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seeds '" + item + "': '" + text.trim() + "' is not a whole number");
        }
    }

    /**
     * Shapes separated by {@code |}, each one value or one per feature, comma-separated: {@code 1|2|1,0.5,0.5}.
     *
     * @param option the option, for messages
     */
    static List<double[]> shapes(String list, String option) {
        List<double[]> shapes = new ArrayList<>();
        String[] items = list.split("\\|", -1);
        for (int k = 0; k < items.length; k++) {
            if (items[k].replace(",", "").isBlank()) {
                throw new IllegalArgumentException(option + " '" + list + "': shape " + (k + 1) + " of "
                        + items.length + " is empty (shapes are separated by |, a shape's values by commas)");
            }
            try {
                shapes.add(numbers(items[k]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " '" + list + "': shape " + (k + 1) + ": "
                        + e.getMessage());
            }
        }
        return shapes;
    }

    /** key=value pairs whose values may be lists separated by {@code |}, as in width=10|20,step=0.5. */
    static Map<String, List<String>> optionLists(String list) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        keyValues(list).forEach((key, value) -> {
            List<String> values = Arrays.stream(value.split("\\|", -1)).map(String::trim).toList();
            if (values.contains("")) {
                throw new IllegalArgumentException("option '" + key + "=" + value + "': a value is empty (values are"
                        + " separated by |)");
            }
            options.put(key, values);
        });
        return options;
    }

    /** Names, comma-separated. */
    static List<String> names(String list, String option) {
        List<String> names = items(list);
        if (names.isEmpty()) {
            throw new IllegalArgumentException(option + " '" + list + "' names nothing");
        }
        return names;
    }

    private static List<String> items(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
    }

    /** The most values a range A:B:n gives: a range of decades gives at most about as many. */
    private static final int MOST_IN_A_RANGE = 10_000;

    private static int count(String text, String item) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MOST_IN_A_RANGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole item
        }
        throw new IllegalArgumentException("'" + item + "': the count must be a whole number from 1 to "
                + MOST_IN_A_RANGE);
    }
}
