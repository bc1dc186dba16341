package org.biasflow.run.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.biasflow.api.DataSet;
import org.biasflow.api.Integrator;
import org.biasflow.api.Model;
import org.biasflow.api.ServiceProperties;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Tolerances;
import org.biasflow.data.Inseparable;
import org.biasflow.run.ServiceCatalog;
import org.biasflow.run.ServiceCatalog.Selected;

/**
 * What a run is refused for before anything runs or is written, beyond what each service checks itself: options
 * that no service of the run reads, values that do not fit their declared type, an initialization scale the
 * flow cannot represent on these data, and data that no predictor can separate because a point appears with both
 * labels.
 */
final class RunChecks {
    /** The run engine's own options: per-run error tolerances, overriding the configured ones. */
    static final String RELATIVE_TOLERANCE = "rtol";
    static final String ABSOLUTE_TOLERANCE = "atol";
    private static final Map<String, String> ENGINE_OPTIONS = Map.of(RELATIVE_TOLERANCE, ServiceProperties.POSITIVE,
            ABSOLUTE_TOLERANCE, ServiceProperties.POSITIVE);

    /**
     * Bounds on the flow's scale α^D·max|x̃ₙᵢ| (the flow on data c·X at α is the flow on X at α·c^{1/D}). Above
     * 1e15 the first steps change u = −log L by less than the rounding of u, and every integrator here stops at
     * once with its step size underflowed (seen from 1e15 at D = 2 and from 6e13 at D = 3); below 1e-150 α^D·x̃ nears
     * the end of the double range (2.2e-308) once squared, and the flow cannot leave its saddle (α = 1e-300 was
     * reported as "data not separable").
     */
    static final double LARGEST_SCALE = 1e15;
    static final double SMALLEST_SCALE = 1e-150;

    private static final Pattern COUNT = Pattern.compile("[0-9]{1,10}");

    private RunChecks() {
    }

    /**
     * Refuses a value that does not fit the type a service of the run declares for it, and, when both the model
     * and the integrator declare their options, a key neither declares, naming the accepted ones. A service built
     * before options were declared may read any key, so with one of those only the declared keys are checked.
     */
    static void options(ServiceCatalog catalog, Map<String, String> options, Selected<Model> model,
            Selected<Integrator> integrator) {
        Optional<Map<String, String>> modelOptions = catalog.declaredOptions(model.service());
        Optional<Map<String, String>> integratorOptions = catalog.declaredOptions(integrator.service());
        Map<String, String> accepted = new TreeMap<>(ENGINE_OPTIONS);
        modelOptions.ifPresent(accepted::putAll);
        integratorOptions.ifPresent(accepted::putAll);
        boolean complete = modelOptions.isPresent() && integratorOptions.isPresent();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String type = accepted.get(option.getKey());
            if (type == null && complete) {
                throw new IllegalArgumentException("option '" + option.getKey() + "' is read by no service of this run"
                        + " (model '" + model.info().name() + "', integrator '" + integrator.info().name()
                        + "'); the options it accepts are " + describe(accepted));
            }
            String problem = type == null ? null : misfit(option.getValue().trim(), type);
            if (problem != null) {
                throw new IllegalArgumentException("option " + option.getKey() + "=" + option.getValue() + ": "
                        + problem);
            }
        }
        tolerances(options, 0.5, 0.5);
    }

    /**
     * Whether a trajectory of this model with this integrator reads the option: the engine's, the integrator's or the
     * model's own, or any key when the model or the integrator does not declare its options.
     */
    static boolean reads(ServiceCatalog catalog, String key, Selected<Model> model, Selected<Integrator> integrator) {
        Optional<Map<String, String>> modelOptions = catalog.declaredOptions(model.service());
        Optional<Map<String, String>> integratorOptions = catalog.declaredOptions(integrator.service());
        return ENGINE_OPTIONS.containsKey(key) || modelOptions.isEmpty() || integratorOptions.isEmpty()
                || modelOptions.get().containsKey(key) || integratorOptions.get().containsKey(key);
    }

    /** The options each model accepts with the integrator, in words: "diagonal: atol (positive), …; …". */
    static String accepted(ServiceCatalog catalog, Collection<Selected<Model>> models,
            Selected<Integrator> integrator) {
        List<String> parts = new ArrayList<>();
        for (Selected<Model> model : models) {
            Map<String, String> accepted = new TreeMap<>(ENGINE_OPTIONS);
            catalog.declaredOptions(model.service()).ifPresent(accepted::putAll);
            catalog.declaredOptions(integrator.service()).ifPresent(accepted::putAll);
            parts.add(model.info().name() + ": " + describe(accepted));
        }
        return String.join("; ", parts);
    }

    private static String describe(Map<String, String> accepted) {
        StringBuilder text = new StringBuilder();
        accepted.forEach((key, type) -> text.append(text.length() == 0 ? "" : ", ").append(key).append(" (")
                .append(type).append(')'));
        return text.toString();
    }

    /** Why {@code value} is not of {@code type}, or null when it is. */
    static String misfit(String value, String type) {
        switch (type) {
            case ServiceProperties.COUNT -> {
                return COUNT.matcher(value).matches() && Long.parseLong(value) >= 1
                        && Long.parseLong(value) <= Integer.MAX_VALUE ? null
                        : "expected a whole number from 1 to " + Integer.MAX_VALUE + ", written in digits";
            }
            case ServiceProperties.NUMBER, ServiceProperties.POSITIVE -> {
                double number;
                try {
                    number = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    number = Double.NaN;
                }
                if (Double.isNaN(number)) {
                    return "'" + value + "' is not a number";
                }
                if (!Double.isFinite(number)) {
                    return "'" + value + "' is beyond the double range";
                }
                return type.equals(ServiceProperties.POSITIVE) && !(number > 0) ? "expected a number above 0" : null;
            }
            case ServiceProperties.TEXT -> {
                return null;
            }
            default -> {
                List<String> allowed = List.of(type.split("\\|"));
                return allowed.contains(value) ? null : "expected one of " + String.join(", ", allowed);
            }
        }
    }

    /**
     * The smallest relative tolerance a run takes, 45 units of a double's last place. Below it the error test asks
     * the steps for less than the rounding of the vector field, and the run's record names a tolerance the run did not
     * keep: on 20 points to 1e-10000 bdf took 3,397 evaluations at 1e-13, 4,334 at 1e-14, 6,789 at 1e-15 and 18,881
     * at 1e-16, and a run at 1e-20 completed, recorded as kept to 1e-20. SciPy and MATLAB raise such a tolerance to
     * 100 units of the last place.
     */
    static final String SMALLEST_RELATIVE_TOLERANCE = "1e-14";
    /** {@link #SMALLEST_RELATIVE_TOLERANCE} as a number; the text is what messages and the metatype show. */
    private static final double SMALLEST_RELATIVE = Double.parseDouble(SMALLEST_RELATIVE_TOLERANCE);

    /** Why a relative tolerance in (0, 1) cannot be kept, or null when it can. */
    static String relativeToleranceProblem(double relative) {
        return relative < SMALLEST_RELATIVE ? "below " + SMALLEST_RELATIVE_TOLERANCE + ", the smallest relative"
                + " tolerance a run in doubles can keep (their rounding alone is 1.1e-16 of each number, and the flow's"
                + " is larger)" : null;
    }

    /**
     * The configured tolerances, or those the run's rtol and atol options set; each must lie in (0, 1), and the
     * relative one at or above {@link #SMALLEST_RELATIVE_TOLERANCE}.
     */
    static Tolerances tolerances(Map<String, String> options, double relative, double absolute) {
        return new Tolerances(tolerance(options, RELATIVE_TOLERANCE, relative),
                tolerance(options, ABSOLUTE_TOLERANCE, absolute));
    }

    private static double tolerance(Map<String, String> options, String key, double configured) {
        String text = options.get(key);
        if (text == null) {
            return configured;
        }
        double value = Double.parseDouble(text.trim());
        if (!(value < 1)) {
            throw new IllegalArgumentException("option " + key + "=" + text + ": a tolerance must lie below 1");
        }
        String problem = key.equals(RELATIVE_TOLERANCE) ? relativeToleranceProblem(value) : null;
        if (problem != null) {
            throw new IllegalArgumentException("option " + key + "=" + text + ": " + problem);
        }
        return value;
    }

    /**
     * Refuses an α, D and data scale whose product α^D·max|x̃| the flow cannot represent, naming each of them.
     */
    static void scale(double alpha, int depth, DataSet data) {
        if (!(alpha > 0) || !Double.isFinite(alpha) || depth < 1) {
            return; // the model refuses these itself, in its own words
        }
        double[] signed = data.signedFeatures();
        int largestAt = 0;
        for (int k = 1; k < signed.length; k++) {
            if (Math.abs(signed[k]) > Math.abs(signed[largestAt])) {
                largestAt = k;
            }
        }
        double largest = Math.abs(signed[largestAt]);
        if (largest == 0) {
            throw new IllegalArgumentException(data.source() + ": every feature of every point is 0, so no predictor"
                    + " separates the data; check that the file's columns hold the features");
        }
        double log10Scale = depth * Math.log10(alpha) + Math.log10(largest);
        if (log10Scale <= Math.log10(LARGEST_SCALE) && log10Scale >= Math.log10(SMALLEST_SCALE)) {
            return;
        }
        boolean tooLarge = log10Scale > Math.log10(LARGEST_SCALE);
        throw new IllegalArgumentException(String.format(Locale.ROOT, "--alpha %s at --depth %d on %s, whose largest"
                + " |x| is %.3g (point %d, x%d): the flow's scale alpha^D * max|x| = 1e%.1f is %s the %.0e a double"
                + " resolves here (%s). The flow on data multiplied by c is the flow at alpha * c^(1/D) (margins"
                + " are scale-equivariant), so %s", alpha, depth, data.source(), largest,
                largestAt / data.dimension() + 1, largestAt % data.dimension() + 1, log10Scale,
                tooLarge ? "above" : "below", tooLarge ? LARGEST_SCALE : SMALLEST_SCALE,
                tooLarge ? "the first steps would change the loss by less than its rounding"
                        : "the weights underflow and the flow cannot leave its saddle at 0",
                tooLarge ? "choose a smaller alpha or divide the features by a constant"
                        : "choose a larger alpha or multiply the features by a constant"));
    }

    /**
     * Refuses data holding the same point with both labels when a target lies below 1: the two points' losses
     * ℓ(m) + ℓ(−m) are at least 2ℓ(0) for any convex loss (2 for the exponential), so gradient flow would only
     * stall, after a minute or more, where the reference solvers know it in milliseconds.
     */
    static void separable(DataSet data, List<TargetLoss> targets) {
        if (targets.stream().noneMatch(target -> target.log10() < 0)) {
            return;
        }
        // l(0) is 1 for the exponential loss and ln 2 for the logistic: below ln 2 neither reaches a target
        boolean belowEveryLossAtZero = targets.stream().anyMatch(target -> target.log10() < Math.log10(Math.log(2)));
        int zero = belowEveryLossAtZero ? Inseparable.zeroPoint(data) : -1;
        if (zero >= 0) {
            throw new IllegalArgumentException(data.source() + ": point " + (zero + 1) + " has every feature 0, so"
                    + " its margin is 0 whatever the predictor and its loss stays l(0) (1 for the exponential"
                    + " loss, 0.69 for the logistic): targets below that cannot be reached; remove the point");
        }
        int[] pair = Inseparable.oppositePair(data);
        if (pair != null) {
            throw new IllegalArgumentException(data.source() + ": points " + (pair[0] + 1) + " and " + (pair[1] + 1)
                    + " have the same features and opposite labels, so no predictor separates the data: their"
                    + " losses alone stay at least 2 l(0) (2 for the exponential loss, 1.39 for the logistic),"
                    + " and targets below 1 cannot be reached; remove one of the two points");
        }
    }
}
