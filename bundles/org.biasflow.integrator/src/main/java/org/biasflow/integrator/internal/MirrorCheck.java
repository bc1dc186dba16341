package org.biasflow.integrator.internal;

import java.util.Locale;

import org.biasflow.api.MirrorMap;
import org.biasflow.api.Network;
import org.biasflow.linalg.RowMatrix;

/**
 * Whether a network's mirror map describes the network's own flow, tested where the flow starts, at s = 0: the map's
 * β and parameters must be the network's, and its slope f'ᵢ(0) the squared norm of row i of J = ∂β/∂w, with the rows
 * orthogonal (J Jᵀ = diag f', the structure the map stands for). A third party's map with a wrong formula would
 * otherwise have the ν flow follow another network than the one its predictor and pullback define, silently.
 */
final class MirrorCheck {
    /** Relative disagreement beyond rounding: a wrong formula is off by factors, not by digits. */
    private static final double AGREEMENT = 1e-6;
    /** Rows of J tested, spread over the features. */
    private static final int ROWS = 5;

    private MirrorCheck() {
    }

    /**
     * What disagrees, in words, or null when the map is the network's at its initialization, or when a value there is
     * not finite or a call throws: the flow meets those itself and says so.
     */
    static String disagreement(Network network, MirrorMap mirror, int dimension) {
        try {
            return compared(network, mirror, dimension);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String compared(Network network, MirrorMap mirror, int dimension) {
        double[] initial = network.initialParameters();
        double[] networkBeta = new double[dimension];
        network.predictor(initial, networkBeta);
        double[] s = new double[dimension];
        double[] mapBeta = new double[dimension];
        double[] slope = new double[dimension];
        if (!mirror.predictor(s, mapBeta, slope, null)) {
            return "its mirror map says s = 0, where the flow starts, is outside its domain";
        }
        if (!finite(mapBeta) || !finite(networkBeta) || !finite(slope)) {
            return null;
        }
        String beta = differing("beta", mapBeta, networkBeta);
        if (beta != null) {
            return beta;
        }
        double[] mapParameters = new double[initial.length];
        mirror.parameters(s, mapParameters);
        String parameters = differing("parameter", mapParameters, initial);
        if (parameters != null) {
            return parameters;
        }
        double[][] rows = new double[ROWS][];
        int[] features = new int[ROWS];
        for (int k = 0; k < ROWS; k++) {
            features[k] = (int) ((long) k * (dimension - 1) / (ROWS - 1));
            double[] unit = new double[dimension];
            unit[features[k]] = 1;
            rows[k] = new double[initial.length];
            network.pullback(initial, unit, rows[k]);
            double squared = dot(rows[k], rows[k]);
            if (Math.abs(slope[features[k]] - squared) > AGREEMENT * Math.max(Math.abs(slope[features[k]]), squared)) {
                return String.format(Locale.ROOT, "its mirror map's slope f'(0) of feature %d is %.6g, where the"
                        + " network's gradient of beta_%d has the squared norm %.6g", features[k] + 1,
                        slope[features[k]], features[k] + 1, squared);
            }
            for (int j = 0; j < k; j++) {
                double cross = dot(rows[j], rows[k]);
                if (features[j] != features[k] && Math.abs(cross) > AGREEMENT * Math.sqrt(squared
                        * dot(rows[j], rows[j]))) {
                    return String.format(Locale.ROOT, "the network's gradients of beta_%d and beta_%d are not"
                            + " orthogonal (inner product %.6g), so no mirror map describes its flow",
                            features[j] + 1, features[k] + 1, cross);
                }
            }
        }
        return null;
    }

    private static String differing(String name, double[] map, double[] network) {
        double scale = 0;
        for (int i = 0; i < map.length; i++) {
            scale = Math.max(scale, Math.max(Math.abs(map[i]), Math.abs(network[i])));
        }
        for (int i = 0; i < map.length; i++) {
            if (Math.abs(map[i] - network[i]) > AGREEMENT * scale) {
                return String.format(Locale.ROOT, "its mirror map gives %s_%d = %.6g at s = 0, where the flow starts,"
                        + " and the network %.6g", name, i + 1, map[i], network[i]);
            }
        }
        return null;
    }

    private static boolean finite(double[] values) {
        return java.util.Arrays.stream(values).allMatch(Double::isFinite);
    }

    private static double dot(double[] a, double[] b) {
        return RowMatrix.dot(a, 0, b, 0, a.length);
    }
}
