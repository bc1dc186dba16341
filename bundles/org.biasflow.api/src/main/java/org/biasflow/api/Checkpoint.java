package org.biasflow.api;

/**
 * The state of a trajectory when its training loss reached a target.
 *
 * @param target the target asked for
 * @param log10Loss the achieved log10 of the training loss
 * @param log10Time log10 of the gradient-flow time t, or NaN when the integrator does not track it
 * @param beta the linear predictor β
 * @param parameters the network's parameters w
 * @param evaluations vector-field evaluations spent so far
 */
public record Checkpoint(TargetLoss target, double log10Loss, double log10Time, double[] beta,
        double[] parameters, long evaluations) {

    public Checkpoint {
        beta = beta.clone();
        parameters = parameters.clone();
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }
}
