package org.biasflow.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an integrator needs to follow one gradient-flow trajectory.
 *
 * @param data the training data
 * @param network the initialized network
 * @param loss the loss
 * @param targets the training losses at which to record checkpoints, in any order
 * @param tolerances error tolerances
 * @param options integrator-specific settings, as text (such as {@code step} for gradient descent); integrators
 *                ignore keys they do not know
 */
public record FlowProblem(DataSet data, Network network, Loss loss, List<TargetLoss> targets,
        Tolerances tolerances, Map<String, String> options) {

    public FlowProblem {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(tolerances, "tolerances");
        targets = targets.stream().sorted().toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one target loss is needed");
        }
        options = Map.copyOf(options);
    }

    /** The option's value, or the fallback when it is not set. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
