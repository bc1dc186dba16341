package org.biasflow.analyzer.internal;

import org.biasflow.api.ModelSpec;

/**
 * What an initialization shape does to the theory's potential: coordinate i starts at scale α·uᵢ (α·u₊ᵢ, α·u₋ᵢ
 * when unbalanced), so Q_μ weighs it by (u₊ᵢu₋ᵢ)^{D/2}, relative to their mean, and an unbalanced one tilts it by
 * ln(u₊ᵢ/u₋ᵢ). μ then carries the mean: μ = α^D·mean/γ, which for a uniform shape u is (αu)^D/γ.
 *
 * @param relative each coordinate's weight divided by the mean weight
 * @param offsets ln(u₊ᵢ/u₋ᵢ), zero for a balanced initialization
 * @param mean the mean of (u₊ᵢu₋ᵢ)^{D/2}
 */
record ShapeScales(double[] relative, double[] offsets, double mean) {

    /** For shapes as {@link ModelSpec} holds them: {@code null} for 1, one value, or one per feature. */
    static ShapeScales of(double[] positive, double[] negative, int depth, int dimension) {
        double[] plusShape = positive == null ? new double[] {1.0} : checked("shape", positive, dimension);
        double[] minusShape = negative == null ? plusShape : checked("negative shape", negative, dimension);
        double[] scales = new double[dimension];
        double[] offsets = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            double plus = ModelSpec.entry(plusShape, i);
            double minus = ModelSpec.entry(minusShape, i);
            scales[i] = Math.pow(plus * minus, depth / 2.0);
            offsets[i] = Math.log(plus / minus);
        }
        double mean = java.util.Arrays.stream(scales).average().orElseThrow();
        return new ShapeScales(Vectors.scaled(scales, 1 / mean), offsets, mean);
    }

    /** The same refusals, in the same words, as the diagonal model gives a run with these shapes. */
    private static double[] checked(String setting, double[] shape, int dimension) {
        if (shape.length != 1 && shape.length != dimension) {
            throw new IllegalArgumentException(setting + " must have 1 or " + dimension + " entries, got "
                    + shape.length);
        }
        for (int i = 0; i < shape.length; i++) {
            if (!(shape[i] > 0) || !Double.isFinite(shape[i])) {
                throw new IllegalArgumentException(setting + " entries must be positive and finite, entry " + (i + 1)
                        + " is " + shape[i]);
            }
        }
        return shape;
    }

    /**
     * Whether every coordinate is weighed alike and without offset, so that the path is that of a uniform
     * initialization: every u₊ᵢ and u₋ᵢ the same value. Decided on the shapes themselves, not on the relative
     * weights, whose mean need not divide back to exactly 1.
     */
    static boolean alike(double[] positive, double[] negative) {
        double first = positive == null ? 1.0 : positive[0];
        return (positive == null || java.util.Arrays.stream(positive).allMatch(u -> u == first))
                && (negative == null || java.util.Arrays.stream(negative).allMatch(u -> u == first));
    }
}
