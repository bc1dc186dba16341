package org.biasflow.analyzer.internal;

/** Norms and comparisons of predictors, safe for the huge β of long trajectories. */
final class Vectors {
    private Vectors() {
    }

    /** (Σ|βᵢ|^q)^{1/q}, scaled by the largest entry so that huge predictors do not overflow. */
    static double norm(double[] beta, double q) {
        double largest = largest(beta);
        if (largest == 0) {
            return 0;
        }
        double sum = 0;
        for (double b : beta) {
            sum += Math.pow(Math.abs(b) / largest, q);
        }
        return largest * Math.pow(sum, 1.0 / q);
    }

    static double largest(double[] vector) {
        double largest = 0;
        for (double v : vector) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }

    static double cosine(double[] a, double[] b) {
        double scaleA = largest(a);
        double scaleB = largest(b);
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (a[i] / scaleA) * (b[i] / scaleB);
        }
        return dot / (norm(a, 2) / scaleA) / (norm(b, 2) / scaleB);
    }

    /** ‖a − b‖₂ / ‖b‖₂. */
    static double relativeDistance(double[] a, double[] b) {
        double[] difference = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            difference[i] = a[i] - b[i];
        }
        return norm(difference, 2) / norm(b, 2);
    }

    static double[] scaled(double[] vector, double factor) {
        double[] result = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = vector[i] * factor;
        }
        return result;
    }
}
