package org.biasflow.launcher;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The options a Gogo command declares, read from its service's methods. Gogo answers a line it cannot fit to any of a
 * command's methods with "Cannot coerce f(Token, …)", which names neither the option nor the value; with the options
 * at hand, a mistyped one ({@code --alpha} for {@code bf:sweep}'s {@code --alphas}) is named.
 *
 * <p>The annotation is found by its name: Gogo's runtime is a bundle of the framework, not on the launcher's class
 * path, and a command may come from any bundle.
 */
final class CommandOptions {
    private static final String PARAMETER = "org.apache.felix.service.command.Parameter";
    /** A mistyped option is suggested one known within this many insertions, deletions or substitutions. */
    private static final int NEAR = 2;

    private CommandOptions() {
    }

    /**
     * The options ({@code --name}) of {@code command}, "scope:function" or "function", in every service that offers
     * it; empty when none does, or none declares options.
     */
    static Set<String> of(BundleContext context, String command) {
        int colon = command.indexOf(':');
        String function = command.substring(colon + 1);
        String filter = "(osgi.command.function=" + function + ")";
        if (colon > 0) {
            filter = "(&(osgi.command.scope=" + command.substring(0, colon) + ")" + filter + ")";
        }
        Set<String> options = new TreeSet<>();
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences((String) null, filter);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return options;
        }
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            Object service = context.getService(reference);
            if (service != null) {
                try {
                    options.addAll(declared(service.getClass(), function));
                } finally {
                    context.ungetService(reference);
                }
            }
        }
        return options;
    }

    /** The names of every Gogo {@code @Parameter} of the public methods called {@code function}. */
    static Set<String> declared(Class<?> type, String function) {
        Set<String> options = new TreeSet<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(function)) {
                for (Annotation[] annotations : method.getParameterAnnotations()) {
                    for (Annotation annotation : annotations) {
                        if (annotation.annotationType().getName().equals(PARAMETER)) {
                            options.addAll(List.of(names(annotation)));
                        }
                    }
                }
            }
        }
        return options;
    }

    private static String[] names(Annotation parameter) {
        try {
            return (String[]) parameter.annotationType().getMethod("names").invoke(parameter);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new String[0];
        }
    }

    /**
     * "--x is not an option of C (did you mean --y?)" for each option of {@code statement} that {@code options} does
     * not hold, joined by "; "; null when every option is known, or {@code options} is empty (nothing to tell).
     */
    static String unknown(String statement, String command, Set<String> options) {
        if (options.isEmpty()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        String[] words = statement.trim().split("\\s+");
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            if (word.startsWith("--") && word.length() > 2 && !options.contains(word)) {
                String nearest = options.stream().min(Comparator.comparingInt(option -> distance(option, word)))
                        .filter(option -> distance(option, word) <= NEAR).orElse(null);
                problems.add(word + " is not an option of " + command
                        + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
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
