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
     * The options ({@code --name}) of {@code command}, "scope:function" or "function", in every service that offers
     * it, each with whether it takes a value (a flag does not); empty when none does, or none declares options.
     */
    static Map<String, Boolean> of(BundleContext context, String command) {
        int colon = command.indexOf(':');
        String function = command.substring(colon + 1);
        String filter = "(osgi.command.function=" + function + ")";
        if (colon > 0) {
            filter = "(&(osgi.command.scope=" + command.substring(0, colon) + ")" + filter + ")";
        }
        Map<String, Boolean> options = new TreeMap<>();
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
     * The names of every Gogo {@code @Parameter} of the public methods called {@code function}, each with whether it
     * takes a value: a flag declares the value it stands for when present.
     */
    static Map<String, Boolean> declared(Class<?> type, String function) {
        Map<String, Boolean> options = new TreeMap<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(function)) {
                for (Annotation[] annotations : method.getParameterAnnotations()) {
                    for (Annotation annotation : annotations) {
                        if (annotation.annotationType().getName().equals(PARAMETER)) {
                            boolean takesValue = UNSPECIFIED.equals(value(annotation, "presentValue"));
                            Object names = value(annotation, "names");
                            for (String name : names instanceof String[] all ? all : new String[0]) {
                                options.put(name, takesValue);
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
     * What does not fit in {@code statement}: "--x is not an option of C (did you mean --y?)" for each option that
     * {@code options} does not hold, and "--z lacks its value" for an option that takes one but is last or followed by
     * another option; joined by "; ". Null when nothing is found, or {@code options} is empty (nothing to tell).
     */
    static String misfits(String statement, String command, Map<String, Boolean> options) {
        if (options.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        String[] words = statement.trim().split("\\s+");
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            if (!word.startsWith("--") || word.length() <= 2) {
                continue;
            }
            Boolean takesValue = options.get(word);
            if (takesValue == null) {
                String nearest = nearest(word, options.keySet());
                problems.add(word + " is not an option of " + command
                        + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
            } else if (takesValue && (i + 1 == words.length || words[i + 1].startsWith("--"))) {
                problems.add(word + " lacks its value");
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
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
