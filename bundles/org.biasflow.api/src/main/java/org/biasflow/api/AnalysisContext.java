package org.biasflow.api;

/**
 * What an analyzer knows of the trajectory whose checkpoints it measures.
 *
 * @param data the training data
 * @param model the name of the model service
 * @param spec depth, scale and shape of the network
 * @param loss the name of the loss service
 */
public record AnalysisContext(DataSet data, String model, ModelSpec spec, String loss) {
}
