package org.biasflow.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary classification data set: N points xₙ ∈ ℝᵈ with labels yₙ ∈ {−1, +1}. Immutable.
 *
 * <p>Most consumers need only the signed features x̃ₙ = yₙxₙ, which is what {@link #signedFeatures()} gives.
 */
public final class DataSet {
    private final double[] features;
    private final int[] labels;
    private final int dimension;
    private final String source;

    /**
     * @param features one row per point, all of the same length, every entry finite
     * @param labels −1 or +1 for each row
     * @param source where the data came from (a file name, or a generator and its seed), used in messages
     * @throws IllegalArgumentException naming the first offending point when the input is not a valid data set
     */
    public DataSet(double[][] features, int[] labels, String source) {
        this.source = Objects.requireNonNull(source, "source");
        if (features.length == 0) {
            throw new IllegalArgumentException(source + ": the data set has no points");
        }
        if (labels.length != features.length) {
            throw new IllegalArgumentException(source + ": " + features.length + " points but " + labels.length + " labels");
        }
        this.dimension = features[0].length;
        if (dimension == 0) {
            throw new IllegalArgumentException(source + ": the points have no features");
        }
        this.features = new double[features.length * dimension];
        this.labels = labels.clone();
        for (int n = 0; n < features.length; n++) {
            if (features[n].length != dimension) {
                throw new IllegalArgumentException(source + ": point " + (n + 1) + " has " + features[n].length
                        + " features, expected " + dimension);
            }
            if (labels[n] != 1 && labels[n] != -1) {
                throw new IllegalArgumentException(source + ": point " + (n + 1) + " has label " + labels[n]
                        + ", expected -1 or +1");
            }
            for (int i = 0; i < dimension; i++) {
                if (!Double.isFinite(features[n][i])) {
                    throw new IllegalArgumentException(source + ": point " + (n + 1) + " feature " + (i + 1)
                            + " is " + features[n][i]);
                }
            }
            System.arraycopy(features[n], 0, this.features, n * dimension, dimension);
        }
    }

    /** The number of points N. */
    public int size() {
        return labels.length;
    }

    /** The number of features d. */
    public int dimension() {
        return dimension;
    }

    public String source() {
        return source;
    }

    public int label(int n) {
        return labels[n];
    }

    /** A copy of the features of point n. */
    public double[] point(int n) {
        return Arrays.copyOfRange(features, n * dimension, (n + 1) * dimension);
    }

    /** A fresh row-major N×d array of x̃ₙ = yₙxₙ: row n occupies entries [n·d, (n+1)·d). */
    public double[] signedFeatures() {
        double[] signed = features.clone();
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] < 0) {
                for (int i = n * dimension; i < (n + 1) * dimension; i++) {
                    signed[i] = -signed[i];
                }
            }
        }
        return signed;
    }
}
