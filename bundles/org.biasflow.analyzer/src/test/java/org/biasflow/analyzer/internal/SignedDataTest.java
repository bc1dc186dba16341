package org.biasflow.analyzer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SignedDataTest {

    @Test
    void weightedGramMatchesTheDefinitionOnSubsetsOfPointsAndFeatures() {
        Random random = new Random(3);
        int size = 150;
        int dimension = 600;
        double[] rows = random.doubles(size * dimension, -1, 1).toArray();
        double[] weights = random.doubles(dimension, 0, 2).toArray();
        SignedData data = new SignedData(rows, size, dimension);
        int[] points = java.util.stream.IntStream.range(0, size).filter(n -> n % 7 != 3).toArray();
        int[] features = java.util.stream.IntStream.range(0, dimension).filter(i -> i % 5 != 1).toArray();
        int[] allPoints = java.util.stream.IntStream.range(0, size).toArray();
        int[] allFeatures = java.util.stream.IntStream.range(0, dimension).toArray();

        assertGram(data, points, allFeatures, weights, data.restrict(points).weightedGram(weights));
        double[] workingWeights = java.util.Arrays.stream(features).mapToDouble(i -> weights[i]).toArray();
        assertGram(data, allPoints, features, weights, data.columns(features).weightedGram(workingWeights));
    }

    private static void assertGram(SignedData data, int[] points, int[] features, double[] weights, double[][] gram) {
        for (int a = 0; a < points.length; a++) {
            for (int b = 0; b < points.length; b++) {
                double expected = 0;
                for (int i : features) {
                    expected += data.entry(points[a], i) * weights[i] * data.entry(points[b], i);
                }
                // Sums of ~600 products of size ≤ 2 in another order: a few hundred roundings of 1e-16 at most.
                assertEquals(expected, gram[a][b], 1e-12, "entry " + a + ", " + b);
            }
        }
    }
}
