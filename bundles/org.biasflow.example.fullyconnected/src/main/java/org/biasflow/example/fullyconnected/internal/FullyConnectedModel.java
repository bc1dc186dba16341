package org.biasflow.example.fullyconnected.internal;

import java.util.Optional;
import java.util.SplittableRandom;

import org.biasflow.api.Model;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.ServiceProperties;
import org.biasflow.api.Tangents;
import org.osgi.service.component.annotations.Component;

/**
 * β = (W_D ⋯ W_1)ᵀ with W_1 ∈ ℝ^{h×d}, W_2 … W_{D−1} ∈ ℝ^{h×h} and W_D ∈ ℝ^{1×h}: a fully connected deep linear
 * network with a scalar output. Every weight starts as α·z with z standard Gaussian, drawn from the spec's seed;
 * the width h is the model option {@code width} (default 20).
 *
 * <p>It offers {@link Tangents}, exact forward-mode derivatives, so that integrators solve its Newton systems
 * without differences; nothing else of its structure is known to them. Theory: under gradient flow on the
 * exponential loss its direction tends to the ℓ2 max-margin predictor whatever α is.
 */
@Component(service = Model.class, property = {
        ServiceProperties.OPTIONS + "=width:count",
        ServiceProperties.NAME + "=fully-connected",
        ServiceProperties.KIND + "=" + ServiceProperties.MODEL,
        ServiceProperties.DESCRIPTION + "=fully connected deep linear network W_D...W_1, scalar output (option width,"
                + " default 20); initialization: every weight alpha*z, z standard Gaussian drawn from --seed" })
public class FullyConnectedModel implements Model {

    static final String WIDTH = "width";

    @Override
    public Network create(ModelSpec spec, int dimension) {
        if (spec.depth() < 2) {
            throw new IllegalArgumentException("depth must be at least 2, got " + spec.depth());
        }
        if (!(spec.alpha() > 0) || !Double.isFinite(spec.alpha())) {
            throw new IllegalArgumentException("alpha must be positive and finite, got " + spec.alpha());
        }
        int width;
        try {
            width = Integer.parseInt(spec.options().getOrDefault(WIDTH, "20"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option width must be a whole number, got '"
                    + spec.options().get(WIDTH) + "'");
        }
        if (width < 1) {
            throw new IllegalArgumentException("option width must be at least 1, got " + width);
        }
        return new LinearChain(spec.depth(), width, dimension, spec.alpha(), spec.seed());
    }

    /** The weights of all layers, flattened layer by layer, each row-major. */
    static final class LinearChain implements Network, Tangents {
        private final int[] rows;
        private final int[] columns;
        private final int[] offsets;
        private final double[] initial;

        LinearChain(int depth, int width, int dimension, double alpha, long seed) {
            rows = new int[depth];
            columns = new int[depth];
            offsets = new int[depth + 1];
            for (int k = 0; k < depth; k++) {
                rows[k] = k == depth - 1 ? 1 : width;
                columns[k] = k == 0 ? dimension : width;
                offsets[k + 1] = offsets[k] + rows[k] * columns[k];
            }
            SplittableRandom random = new SplittableRandom(seed);
            initial = new double[offsets[depth]];
            for (int p = 0; p < initial.length; p++) {
                initial[p] = alpha * gaussian(random);
            }
        }

        private static double gaussian(SplittableRandom random) {
            double u = 1 - random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }

        @Override
        public int parameterCount() {
            return initial.length;
        }

        @Override
        public double[] initialParameters() {
            return initial.clone();
        }

        @Override
        public void predictor(double[] w, double[] beta) {
            double[] a = {1.0};
            for (int k = rows.length - 1; k >= 0; k--) {
                a = leftMultiply(w, k, a);
            }
            System.arraycopy(a, 0, beta, 0, beta.length);
        }

        /**
         * ∂(gᵀβ)/∂W_k = (W_D⋯W_{k+1})ᵀ (W_{k−1}⋯W_1 g)ᵀ: an outer product of a backward row and a forward column.
         * The backward row below the first layer is never needed, so the pass reads the largest layer W_1
         * (h × d) once, not twice.
         */
        @Override
        public void pullback(double[] w, double[] g, double[] gradient) {
            double[][] forward = forward(w, g);
            double[] backward = {1.0};
            for (int k = rows.length - 1; k >= 0; k--) {
                outer(backward, forward[k], gradient, offsets[k]);
                if (k > 0) {
                    backward = leftMultiply(w, k, backward);
                }
            }
        }

        @Override
        public <C> Optional<C> capability(Class<C> type) {
            return type == Tangents.class ? Optional.of(type.cast(this)) : Optional.empty();
        }

        /** d/dh of the row W_D⋯W_1 along v, accumulated from the top layer down with the product rule. */
        @Override
        public void tangent(double[] w, double[] v, double[] betaTangent) {
            double[] a = {1.0};
            double[] tangent = {0.0};
            for (int k = rows.length - 1; k >= 0; k--) {
                tangent = leftTangent(w, v, k, a, tangent);
                if (k > 0) {
                    a = leftMultiply(w, k, a);
                }
            }
            System.arraycopy(tangent, 0, betaTangent, 0, betaTangent.length);
        }

        /**
         * d/dh of the outer products of {@link #pullback} along v: each factor, the backward row and the forward
         * column, carries its own tangent. g does not move, so the column entering the first layer has none (null).
         */
        @Override
        public void pullbackTangent(double[] w, double[] g, double[] v, double[] out) {
            int depth = rows.length;
            double[][] forward = new double[depth][];
            double[][] forwardTangent = new double[depth][];
            forward[0] = g;
            for (int k = 0; k + 1 < depth; k++) {
                forward[k + 1] = new double[rows[k]];
                forwardTangent[k + 1] = new double[rows[k]];
                rightTangent(w, v, k, forward[k], forwardTangent[k], forward[k + 1], forwardTangent[k + 1]);
            }
            double[] backward = {1.0};
            double[] backwardTangent = {0.0};
            for (int k = depth - 1; k >= 0; k--) {
                outer(backwardTangent, forward[k], out, offsets[k]);
                if (k > 0) {
                    addOuter(backward, forwardTangent[k], out, offsets[k]);
                    backwardTangent = leftTangent(w, v, k, backward, backwardTangent);
                    backward = leftMultiply(w, k, backward);
                }
            }
        }

        /** Entry k is the column that enters layer k: g pushed through the layers below it (entry 0 is g). */
        private double[][] forward(double[] w, double[] g) {
            double[][] forward = new double[rows.length][];
            forward[0] = g;
            for (int k = 0; k + 1 < rows.length; k++) {
                forward[k + 1] = rightMultiply(w, k, forward[k]);
            }
            return forward;
        }

        /** a·W_k for a row vector a of length rows[k]. */
        private double[] leftMultiply(double[] w, int k, double[] a) {
            double[] out = new double[columns[k]];
            for (int i = 0; i < rows[k]; i++) {
                int row = offsets[k] + i * columns[k];
                double ai = a[i];
                for (int j = 0; j < columns[k]; j++) {
                    out[j] += ai * w[row + j];
                }
            }
            return out;
        }

        /** The tangent of a·W_k along v, given a and its tangent ȧ: ȧ·W_k + a·V_k, in one pass over both layers. */
        private double[] leftTangent(double[] w, double[] v, int k, double[] a, double[] tangent) {
            double[] out = new double[columns[k]];
            for (int i = 0; i < rows[k]; i++) {
                int row = offsets[k] + i * columns[k];
                double ai = a[i];
                double ti = tangent[i];
                for (int j = 0; j < columns[k]; j++) {
                    out[j] += ti * w[row + j] + ai * v[row + j];
                }
            }
            return out;
        }

        /** W_k·x for a column x of length columns[k]. */
        private double[] rightMultiply(double[] w, int k, double[] x) {
            double[] out = new double[rows[k]];
            for (int i = 0; i < rows[k]; i++) {
                out[i] = dot(w, offsets[k] + i * columns[k], x, columns[k]);
            }
            return out;
        }

        /**
         * W_k·x into {@code product} and its tangent V_k·x + W_k·ẋ into {@code tangent}, each row of both layers read
         * once; ẋ null stands for zero.
         */
        private void rightTangent(double[] w, double[] v, int k, double[] x, double[] xTangent, double[] product,
                double[] tangent) {
            for (int i = 0; i < rows[k]; i++) {
                int row = offsets[k] + i * columns[k];
                product[i] = dot(w, row, x, columns[k]);
                tangent[i] = dot(v, row, x, columns[k]) + (xTangent == null ? 0.0 : dot(w, row, xTangent, columns[k]));
            }
        }

        /** The block of W_k at {@code offset} ← aᵀbᵀ, a row of length rows[k] and a column of length columns[k]. */
        private static void outer(double[] a, double[] b, double[] out, int offset) {
            for (int i = 0; i < a.length; i++) {
                double ai = a[i];
                int row = offset + i * b.length;
                for (int j = 0; j < b.length; j++) {
                    out[row + j] = ai * b[j];
                }
            }
        }

        /** The block at {@code offset} += aᵀbᵀ. */
        private static void addOuter(double[] a, double[] b, double[] out, int offset) {
            for (int i = 0; i < a.length; i++) {
                double ai = a[i];
                int row = offset + i * b.length;
                for (int j = 0; j < b.length; j++) {
                    out[row + j] += ai * b[j];
                }
            }
        }

        /**
         * Σⱼ w[offset + j]·x[j], in four partial sums: a single running sum waits on each addition, and this
         * product is most of a pullback's work.
         */
        private static double dot(double[] w, int offset, double[] x, int length) {
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            int j = 0;
            for (; j + 3 < length; j += 4) {
                s0 += w[offset + j] * x[j];
                s1 += w[offset + j + 1] * x[j + 1];
                s2 += w[offset + j + 2] * x[j + 2];
                s3 += w[offset + j + 3] * x[j + 3];
            }
            for (; j < length; j++) {
                s0 += w[offset + j] * x[j];
            }
            return (s0 + s1) + (s2 + s3);
        }
    }
}
