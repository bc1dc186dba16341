package org.biasflow.launcher;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The options a Gogo command declares, read from its service's methods. Gogo answers a line it cannot fit to any of a
 * command's methods with "Cannot coerce f(Token, …)", which names neither the option nor the value; with the options
 * at hand, a mistyped one ({@code --alpha} for {@code bf:sweep}'s {@code --alphas}) is named, and so is one left
 * without its value. A mistyped command is answered with the nearest one.
 *
 * <p>The annotation is found by its name: Gogo's runtime is a bundle of the framework, not on the launcher's class
 * path, and a command may come from any bundle.
 */
final class CommandOptions {
    private static final String PARAMETER = "org.apache.felix.service.command.Parameter";
    /** A mistyped option is suggested one known within this many insertions, deletions or substitutions. */
    private static final int NEAR = 2;
    /** Gogo's Parameter.UNSPECIFIED: the presentValue of an option that takes a value. */
    private static final String UNSPECIFIED = "org.apache.felix.service.command.unspecified.parameter";

    private CommandOptions() {
    }

    /**
     * A declared option: its first name (the others are aliases of it), whether it takes a value (a flag does not),
     * and the type Gogo converts that value to.
     */
    record Option(String name, boolean takesValue, Class<?> type) {
    }

    /**
     * The options ({@code --name}) of {@code command}, "scope:function" or "function", in every service that offers
     * it; empty when none does, or none declares options.
     */
    static Map<String, Option> of(BundleContext context, String command) {
        int colon = command.indexOf(':');
        String function = command.substring(colon + 1);
        String filter = "(osgi.command.function=" + function + ")";
        if (colon > 0) {
            filter = "(&(osgi.command.scope=" + command.substring(0, colon) + ")" + filter + ")";
        }
        Map<String, Option> options = new TreeMap<>();
        for (ServiceReference<?> reference : references(context, filter)) {
            Object service = context.getService(reference);
            if (service != null) {
                try {
                    options.putAll(declared(service.getClass(), function));
                } finally {
                    context.ungetService(reference);
                }
            }
        }
        return options;
    }

    /** Every command of the framework's services, as "scope:function". */
    static Set<String> commands(BundleContext context) {
        Set<String> commands = new TreeSet<>();
        for (ServiceReference<?> reference : references(context, "(osgi.command.function=*)")) {
            Object scope = reference.getProperty("osgi.command.scope");
            Object functions = reference.getProperty("osgi.command.function");
            for (Object function : functions instanceof Object[] many ? many : new Object[] {functions}) {
                commands.add((scope == null ? "" : scope + ":") + function);
            }
        }
        return commands;
    }

    private static ServiceReference<?>[] references(BundleContext context, String filter) {
        try {
            ServiceReference<?>[] found = context.getServiceReferences((String) null, filter);
            return found == null ? new ServiceReference<?>[0] : found;
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return new ServiceReference<?>[0];
        }
    }

    /**
     * Every Gogo {@code @Parameter} of the public methods called {@code function}, by name: a flag declares the value
     * it stands for when present, and so takes none.
     */
    static Map<String, Option> declared(Class<?> type, String function) {
        Map<String, Option> options = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(function)) {
                Annotation[][] parameters = method.getParameterAnnotations();
                for (int p = 0; p < parameters.length; p++) {
                    for (Annotation annotation : parameters[p]) {
                        if (annotation.annotationType().getName().equals(PARAMETER)) {
                            Object declaredNames = value(annotation, "names");
                            String[] names = declaredNames instanceof String[] all ? all : new String[0];
                            for (String name : names) {
                                options.put(name, new Option(names[0],
                                        UNSPECIFIED.equals(value(annotation, "presentValue")),
                                        method.getParameterTypes()[p]));
                            }
                        }
                    }
                }
            }
        }
        return options;
    }

    private static Object value(Annotation parameter, String element) {
        try {
            return parameter.annotationType().getMethod(element).invoke(parameter);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /**
     * The name among {@code names} (the commands, or a command's options) nearest to a mistyped one; null when none
     * is near.
     */
    static String nearest(String typed, Set<String> names) {
        return names.stream().min(Comparator.comparingInt(name -> distance(name, typed)))
                .filter(name -> distance(name, typed) <= NEAR).orElse(null);
    }

    /**
     * What does not fit in {@code statement}, joined by "; ": "--x is not an option of C (did you mean --y?)" for
     * each option that {@code options} does not hold, "--z lacks its value" for an option that takes one but is last
     * or followed by another option, "--z is given twice", "--z takes a whole number …, not v" for a value Gogo
     * cannot convert, and "'w' is the value of no option" for a word that follows no option taking one. Null when
     * nothing is found, or {@code options} is empty (nothing to tell).
     */
    static String misfits(String statement, String command, Map<String, Option> options) {
        if (options.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        Set<Option> given = new java.util.HashSet<>();
        List<String> words = words(statement);
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            Option option = options.get(word);
            if (option == null && (!word.startsWith("--") || word.length() <= 2)) {
                problems.add(word + " is the value of no option");
                continue;
            }
            if (option == null) {
                String nearest = nearest(word, options.keySet());
                problems.add(word + " is not an option of " + command
                        + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
                if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                    i++; // its value, presumably
                }
                continue;
            }
            if (!given.add(option)) {
                problems.add(word + " is given twice");
            }
            if (!option.takesValue()) {
                continue;
            }
            if (i + 1 == words.size() || words.get(i + 1).startsWith("--")) {
                problems.add(word + " lacks its value");
                continue;
            }
            String value = words.get(++i);
            String unfit = unfit(option.type(), unquoted(value));
            if (unfit != null) {
                problems.add(word + " takes " + unfit + ", not " + value);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** The statement's words, as Gogo splits them: at spaces outside quotes, each quoted part kept with its quotes. */
    static List<String> words(String statement) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : statement.trim().toCharArray()) {
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
            word.append(c);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquoted(String word) {
        boolean quoted = word.length() >= 2 && (word.charAt(0) == '\'' || word.charAt(0) == '"')
                && word.charAt(word.length() - 1) == word.charAt(0);
        return quoted ? word.substring(1, word.length() - 1) : word;
    }

    /** What kind of value {@code type} needs, when {@code value} is not one; null when it is, or not known. */
    private static String unfit(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == double.class || type == Double.class) {
                Double.parseDouble(value);
            }
            return null;
        } catch (NumberFormatException e) {
            if (type == int.class || type == Integer.class) {
                return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
            }
            return type == double.class || type == Double.class ? "a number"
                    : "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
    }

    /** Levenshtein's edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
