package org.biasflow.integrator.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.Integrator;
import org.biasflow.api.Loss;
import org.biasflow.api.MirrorMap;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.Network;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory;
import org.biasflow.loss.internal.ExponentialLoss;
import org.biasflow.model.diagonal.internal.DiagonalModel;

/** Shared set-up of the integrator tests. */
final class Runs {
    static final Tolerances TIGHT = new Tolerances(1e-10, 1e-12);

    private Runs() {
    }

    static List<TargetLoss> targets(String... texts) {
        return Arrays.stream(texts).map(TargetLoss::parse).toList();
    }

    static Network diagonal(int depth, double alpha, int dimension) {
        return new DiagonalModel().create(ModelSpec.of(depth, alpha), dimension);
    }

    static FlowProblem problem(DataSet data, Network network, List<TargetLoss> targets) {
        return problem(data, network, new ExponentialLoss(), targets, Map.of());
    }

    static FlowProblem problem(DataSet data, Network network, Loss loss, List<TargetLoss> targets,
            Map<String, String> options) {
        return new FlowProblem(data, network, loss, targets, TIGHT, options);
    }

    static DataSet data(double[][] signedRows) {
        int[] labels = new int[signedRows.length];
        Arrays.fill(labels, 1);
        return new DataSet(signedRows, labels, "test");
    }

    /** The same network without its capabilities, so integrators take the generic path. */
    static Network withoutCapabilities(Network network) {
        return keeping(network, null);
    }

    /** The same network with its mirror map hidden but its other capabilities, such as its tangents, kept. */
    static Network withoutMirrorMap(Network network) {
        return keeping(network, org.biasflow.api.Tangents.class);
    }

    /** The same network with its mirror map replaced by what {@code replaced} makes of it, and no other capability. */
    static Network withMirrorMap(Network network, java.util.function.UnaryOperator<MirrorMap> replaced) {
        return offering(network, type -> type == MirrorMap.class ? network.capability(MirrorMap.class).map(replaced)
                : Optional.empty());
    }

    private static Network keeping(Network network, Class<?> kept) {
        return offering(network, type -> type == kept ? network.capability(type) : Optional.empty());
    }

    /** The same network, offering what {@code capabilities} gives for each type. */
    private static Network offering(Network network,
            java.util.function.Function<Class<?>, Optional<?>> capabilities) {
        return new Network() {
            @Override
            public int parameterCount() {
                return network.parameterCount();
            }

            @Override
            public double[] initialParameters() {
                return network.initialParameters();
            }

            @Override
            public void predictor(double[] parameters, double[] beta) {
                network.predictor(parameters, beta);
            }

            @Override
            public void pullback(double[] parameters, double[] predictorGradient, double[] parameterGradient) {
                network.pullback(parameters, predictorGradient, parameterGradient);
            }

            @Override
            public <C> Optional<C> capability(Class<C> type) {
                return capabilities.apply(type).map(type::cast);
            }
        };
    }

    /** Runs and keeps what the integrator reported along the way. */
    static class Recorder implements RunControl {
        final List<Checkpoint> checkpoints = new ArrayList<>();
        /** ν at each checkpoint, when the formulation follows it. */
        final List<double[]> duals = new ArrayList<>();
        final List<Double> progress = new ArrayList<>();
        final java.util.Map<String, String> details = new java.util.TreeMap<>();
        Trajectory trajectory;

        Recorder run(Integrator integrator, FlowProblem problem) {
            trajectory = integrator.integrate(problem, this);
            return this;
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
        }

        @Override
        public void checkpoint(Checkpoint checkpoint, double[] integratedLossDerivatives) {
            checkpoint(checkpoint);
            duals.add(integratedLossDerivatives.clone());
        }

        @Override
        public void progress(double log10Loss) {
            progress.add(log10Loss);
        }

        @Override
        public void detail(String name, String value) {
            details.put(name, value);
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    /** Forward differences of dy/dρ column by column, falling back on backward ones where the forward point fails. */
    static boolean finiteDifferenceJacobian(ReparametrizedFlow flow, double[] y, double[][] jacobian) {
        int n = flow.dimension();
        double[] base = new double[n];
        double[] shifted = new double[n];
        if (!flow.derivative(y, base)) {
            return false;
        }
        double[] point = y.clone();
        for (int j = 0; j < n; j++) {
            double h = 1.5e-8 * Math.max(Math.abs(y[j]), 1e-5);
            point[j] = y[j] + h;
            boolean forward = flow.derivative(point, shifted);
            if (!forward) {
                point[j] = y[j] - h;
                if (!flow.derivative(point, shifted)) {
                    return false;
                }
            }
            double step = forward ? h : -h;
            for (int i = 0; i < n; i++) {
                jacobian[i][j] = (shifted[i] - base[i]) / step;
            }
            point[j] = y[j];
        }
        return flow.derivative(y, base);
    }

    static double relativeDistance(double[] a, double[] b) {
        double difference = 0.0;
        double size = 0.0;
        for (int i = 0; i < a.length; i++) {
            difference += (a[i] - b[i]) * (a[i] - b[i]);
            size += b[i] * b[i];
        }
        return Math.sqrt(difference / size);
    }

    static double[] direction(double[] v) {
        double norm = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
        return Arrays.stream(v).map(x -> x / norm).toArray();
    }
}
