package org.biasflow.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a user asks of an architecture: depth D, initialization scale α, and the initialization shape.
 *
 * @param depth D ≥ 2 for the networks biasflow studies; a model rejects depths it does not support
 * @param alpha the initialization scale α &gt; 0
 * @param shape the initialization shape u of the positive weights: one entry (the same for every coordinate)
 *              or one entry per coordinate, every entry positive
 * @param negativeShape the shape of the negative weights when the initialization is unbalanced; {@code null}
 *                      for the balanced w₊(0) = w₋(0)
 * @param seed for models that draw their initialization at random
 * @param options architecture-specific settings (such as a width), as text; models ignore keys they do not know
 */
public record ModelSpec(int depth, double alpha, double[] shape, double[] negativeShape, long seed,
        Map<String, String> options) {

    public ModelSpec {
        shape = shape == null ? new double[] {1.0} : shape.clone();
        negativeShape = negativeShape == null ? null : negativeShape.clone();
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
    }

    /** The balanced, uniform initialization w₊(0) = w₋(0) = α. */
    public static ModelSpec of(int depth, double alpha) {
        return new ModelSpec(depth, alpha, null, null, 0L, Map.of());
    }

    @Override
    public double[] shape() {
        return shape.clone();
    }

    @Override
    public double[] negativeShape() {
        return negativeShape == null ? null : negativeShape.clone();
    }

    public ModelSpec withSeed(long newSeed) {
        return new ModelSpec(depth, alpha, shape, negativeShape, newSeed, options);
    }

    public ModelSpec withShape(double[] positive, double[] negative) {
        return new ModelSpec(depth, alpha, positive, negative, seed, options);
    }

    public ModelSpec withOptions(Map<String, String> newOptions) {
        return new ModelSpec(depth, alpha, shape, negativeShape, seed, newOptions);
    }

    /** The shape entry of coordinate i, whether one shape entry serves all coordinates or each has its own. */
    public static double entry(double[] shape, int i) {
        return shape.length == 1 ? shape[0] : shape[i];
    }
}
