package org.biasflow.analyzer.internal;

import org.biasflow.api.DataSet;

/** The signed features X̃ (row n is yₙxₙ) with the products every solver needs. */
final class SignedData {
    final int size;
    final int dimension;
    private final double[] rows;

    SignedData(DataSet data) {
        this(data.signedFeatures(), data.size(), data.dimension());
    }

    SignedData(double[] rows, int size, int dimension) {
        this.rows = rows;
        this.size = size;
        this.dimension = dimension;
    }

    /** The rows of the given points only. */
    SignedData restrict(int[] points) {
        double[] kept = new double[points.length * dimension];
        for (int k = 0; k < points.length; k++) {
            System.arraycopy(rows, points[k] * dimension, kept, k * dimension, dimension);
        }
        return new SignedData(kept, points.length, dimension);
    }

    double entry(int point, int feature) {
        return rows[point * dimension + feature];
    }

    /** The margins X̃β. */
    double[] margins(double[] beta) {
        double[] margins = new double[size];
        for (int n = 0; n < size; n++) {
            double sum = 0;
            int offset = n * dimension;
            for (int i = 0; i < dimension; i++) {
                sum += rows[offset + i] * beta[i];
            }
            margins[n] = sum;
        }
        return margins;
    }

    /** X̃ᵀλ. */
    double[] transposeTimes(double[] weights) {
        double[] result = new double[dimension];
        for (int n = 0; n < size; n++) {
            double weight = weights[n];
            if (weight != 0) {
                int offset = n * dimension;
                for (int i = 0; i < dimension; i++) {
                    result[i] += weight * rows[offset + i];
                }
            }
        }
        return result;
    }

    /**
     * X̃ diag(w) X̃ᵀ, or the Gram matrix X̃X̃ᵀ when {@code featureWeights} is null; rows are computed in parallel
     * because at N = 1000, d = 10000 this product is the dominant cost of the ℓ2 solve.
     */
    double[][] weightedGram(double[] featureWeights) {
        double[][] gram = new double[size][size];
        java.util.stream.IntStream.range(0, size).parallel().forEach(n -> {
            int rowN = n * dimension;
            double[] scaled = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                scaled[i] = featureWeights == null ? rows[rowN + i] : featureWeights[i] * rows[rowN + i];
            }
            for (int k = 0; k <= n; k++) {
                int rowK = k * dimension;
                double sum = 0;
                for (int i = 0; i < dimension; i++) {
                    sum += scaled[i] * rows[rowK + i];
                }
                gram[n][k] = sum;
            }
        });
        for (int n = 0; n < size; n++) {
            for (int k = 0; k < n; k++) {
                gram[k][n] = gram[n][k];
            }
        }
        return gram;
    }
}
