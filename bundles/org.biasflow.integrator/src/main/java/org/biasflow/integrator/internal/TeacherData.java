package org.biasflow.integrator.internal;

import java.util.Random;

import org.biasflow.api.DataSet;

/** Gaussian points labelled by a sparse teacher: separable by construction, with a sparse ℓ1 solution. */
final class TeacherData {
    private static final int TEACHER_SUPPORT = 5;

    private TeacherData() {
    }

    /** N standard Gaussian points in ℝᵈ, labelled y = sign⟨x, β*⟩ with β* ±1 on min(5, d) coordinates. */
    static DataSet generate(int size, int dimension, long seed) {
        Random random = new Random(seed);
        double[] teacher = new double[dimension];
        for (int i = 0; i < Math.min(TEACHER_SUPPORT, dimension); i++) {
            teacher[i] = random.nextBoolean() ? 1.0 : -1.0;
        }
        double[][] points = new double[size][dimension];
        int[] labels = new int[size];
        for (int n = 0; n < size; n++) {
            double score = 0.0;
            for (int i = 0; i < dimension; i++) {
                points[n][i] = random.nextGaussian();
                score += teacher[i] * points[n][i];
            }
            labels[n] = score >= 0 ? 1 : -1;
        }
        return new DataSet(points, labels, "teacher(N=" + size + ", d=" + dimension + ", seed=" + seed + ")");
    }
}
