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

        /** a ← a·W_k for a row vector a of length rows[k]. */
        private double[] leftMultiply(double[] w, int k, double[] a) {
            double[] out = new double[columns[k]];
            for (int i = 0; i < rows[k]; i++) {
                int row = offsets[k] + i * columns[k];
                for (int j = 0; j < columns[k]; j++) {
                    out[j] += a[i] * w[row + j];
                }
            }
            return out;
        }

        @Override
        public void predictor(double[] w, double[] beta) {
            double[] a = {1.0};
            for (int k = rows.length - 1; k >= 0; k--) {
                a = leftMultiply(w, k, a);
            }
            System.arraycopy(a, 0, beta, 0, beta.length);
        }

        /** ∂(gᵀβ)/∂W_k = (W_D⋯W_{k+1})ᵀ (W_{k−1}⋯W_1 g)ᵀ: an outer product of a backward row and a forward column. */
        @Override
        public void pullback(double[] w, double[] g, double[] gradient) {
            int depth = rows.length;
            double[][] forward = new double[depth][];
            forward[0] = g.clone();
            for (int k = 0; k + 1 < depth; k++) {
                forward[k + 1] = rightMultiply(w, k, forward[k]);
            }
            double[] backward = {1.0};
            for (int k = depth - 1; k >= 0; k--) {
                for (int i = 0; i < rows[k]; i++) {
                    int row = offsets[k] + i * columns[k];
                    for (int j = 0; j < columns[k]; j++) {
                        gradient[row + j] = backward[i] * forward[k][j];
                    }
                }
                backward = leftMultiply(w, k, backward);
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
                a = leftMultiply(w, k, a);
            }
            System.arraycopy(tangent, 0, betaTangent, 0, betaTangent.length);
        }

        /**
         * d/dh of the outer products of {@link #pullback} along v: each factor, the backward row and the forward
         * column, carries its own tangent.
         */
        @Override
        public void pullbackTangent(double[] w, double[] g, double[] v, double[] out) {
            int depth = rows.length;
            double[][] forward = new double[depth][];
            double[][] forwardTangent = new double[depth][];
            forward[0] = g.clone();
            forwardTangent[0] = new double[g.length];
            for (int k = 0; k + 1 < depth; k++) {
                forward[k + 1] = rightMultiply(w, k, forward[k]);
                double[] moved = rightMultiply(v, k, forward[k]);
                double[] carried = rightMultiply(w, k, forwardTangent[k]);
                for (int i = 0; i < moved.length; i++) {
                    moved[i] += carried[i];
                }
                forwardTangent[k + 1] = moved;
            }
            double[] backward = {1.0};
            double[] backwardTangent = {0.0};
            for (int k = depth - 1; k >= 0; k--) {
                for (int i = 0; i < rows[k]; i++) {
                    int row = offsets[k] + i * columns[k];
                    for (int j = 0; j < columns[k]; j++) {
                        out[row + j] = backwardTangent[i] * forward[k][j] + backward[i] * forwardTangent[k][j];
                    }
                }
                backwardTangent = leftTangent(w, v, k, backward, backwardTangent);
                backward = leftMultiply(w, k, backward);
            }
        }

        /** The tangent of a·W_k along v, given a and its tangent ȧ: ȧ·W_k + a·V_k. */
        private double[] leftTangent(double[] w, double[] v, int k, double[] a, double[] tangent) {
            double[] next = leftMultiply(w, k, tangent);
            double[] moved = leftMultiply(v, k, a);
            for (int j = 0; j < next.length; j++) {
                next[j] += moved[j];
            }
            return next;
        }

        /** W_k·x for a column x of length columns[k]. */
        private double[] rightMultiply(double[] w, int k, double[] x) {
            double[] out = new double[rows[k]];
            for (int i = 0; i < rows[k]; i++) {
                int row = offsets[k] + i * columns[k];
                double sum = 0;
                for (int j = 0; j < columns[k]; j++) {
                    sum += w[row + j] * x[j];
                }
                out[i] = sum;
            }
            return out;
        }
    }
}
