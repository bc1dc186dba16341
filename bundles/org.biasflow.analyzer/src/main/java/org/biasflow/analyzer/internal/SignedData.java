package org.biasflow.analyzer.internal;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.biasflow.api.DataSet;
import org.biasflow.linalg.KeptGram;
import org.biasflow.linalg.RowMatrix;

/** The signed features X̃ (row n is yₙxₙ) with the products every solver needs. */
final class SignedData {
    final int size;
    final int dimension;
    private final double[] rows;
    private final RowMatrix matrix;

    SignedData(DataSet data) {
        this(data.signedFeatures(), data.size(), data.dimension());
    }

    SignedData(double[] rows, int size, int dimension) {
        this.rows = rows;
        this.size = size;
        this.dimension = dimension;
        this.matrix = new RowMatrix(rows, size, dimension);
    }

    /** max |x̃ₙᵢ|. */
    double largestEntry() {
        return Vectors.largest(rows);
    }

    /** factor·X̃. */
    SignedData scaled(double factor) {
        return new SignedData(Vectors.scaled(rows, factor), size, dimension);
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
        matrix.multiply(beta, margins);
        return margins;
    }

    /** X̃ᵀλ. */
    double[] transposeTimes(double[] weights) {
        double[] result = new double[dimension];
        matrix.multiplyTransposed(weights, result);
        return result;
    }

    /**
     * X̃ diag(w) X̃ᵀ, or the Gram matrix X̃X̃ᵀ when {@code featureWeights} is null. At N = 1000, d = 10000 this
     * product dominates the ℓ2 solve and the Hessians of Q_μ: it is {@link RowMatrix#weightedGram}'s.
     */
    double[][] weightedGram(double[] featureWeights) {
        double[] weights = featureWeights;
        if (weights == null) {
            weights = new double[dimension];
            Arrays.fill(weights, 1);
        }
        return matrix.weightedGram(weights);
    }

    /** X̃ diag(w) X̃ᵀ for weights that drift from call to call, kept between calls ({@link KeptGram}). */
    KeptGram keptGram() {
        return new KeptGram(matrix);
    }

    /** X̃_F: the given features' columns, copied. */
    RowMatrix columns(int[] features) {
        return matrix.select(IntStream.range(0, size).toArray(), features);
    }
}
