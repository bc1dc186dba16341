package org.biasflow.analyzer.internal;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.biasflow.api.DataSet;
import org.biasflow.linalg.RowMatrix;

/** The signed features X̃ (row n is yₙxₙ) with the products every solver needs. */
final class SignedData {
    final int size;
    final int dimension;
    /** Row n is x̃ₙ; shared with {@link #matrix}, which computes with the same arrays. */
    private final double[][] rows;
    private final RowMatrix matrix;

    SignedData(DataSet data) {
        this(data.signedFeatures(), data.size(), data.dimension());
    }

    /** @param rows the entries row by row, size·dimension of them */
    SignedData(double[] rows, int size, int dimension) {
        this(RowMatrix.rowsOf(rows, size, dimension), dimension);
    }

    private SignedData(double[][] rows, int dimension) {
        this.rows = rows;
        this.size = rows.length;
        this.dimension = dimension;
        this.matrix = new RowMatrix(rows, dimension);
    }

    /** max |x̃ₙᵢ|. */
    double largestEntry() {
        double largest = 0.0;
        for (double[] row : rows) {
            largest = Math.max(largest, Vectors.largest(row));
        }
        return largest;
    }

    /** factor·X̃. */
    SignedData scaled(double factor) {
        return new SignedData(Arrays.stream(rows).map(row -> Vectors.scaled(row, factor)).toArray(double[][]::new),
                dimension);
    }

    /** The rows of the given points only, shared with this. */
    SignedData restrict(int[] points) {
        return new SignedData(IntStream.of(points).mapToObj(n -> rows[n]).toArray(double[][]::new), dimension);
    }

    double entry(int point, int feature) {
        return rows[point][feature];
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

    /** X̃_F: the given features' columns, copied. */
    RowMatrix columns(int[] features) {
        return matrix.select(IntStream.range(0, size).toArray(), features);
    }
}
