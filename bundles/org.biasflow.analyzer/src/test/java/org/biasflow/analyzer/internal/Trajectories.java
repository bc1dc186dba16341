package org.biasflow.analyzer.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.FlowProblem;
import org.biasflow.api.ModelSpec;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;
import org.biasflow.api.Tolerances;
import org.biasflow.api.Trajectory;
import org.biasflow.integrator.internal.BdfIntegrator;
import org.biasflow.loss.internal.ExponentialLoss;
import org.biasflow.model.diagonal.internal.DiagonalModel;

/** Gradient-flow trajectories of diagonal networks on the exponential loss, from the real services. */
final class Trajectories {
    private Trajectories() {
    }

    /** N points with standard Gaussian features and random labels: separable whenever N ≤ d. */
    static DataSet gaussian(int size, int dimension, long seed) {
        Random random = new Random(seed);
        double[][] points = new double[size][dimension];
        int[] labels = new int[size];
        for (int n = 0; n < size; n++) {
            for (int i = 0; i < dimension; i++) {
                points[n][i] = random.nextGaussian();
            }
            labels[n] = random.nextBoolean() ? 1 : -1;
        }
        return new DataSet(points, labels, "gaussian N=" + size + " d=" + dimension + " seed " + seed);
    }

    /** The checkpoints at the given log10 ε, in the order reached. */
    static List<Checkpoint> run(DataSet data, int depth, double alpha, double... log10Targets) {
        return run(data, ModelSpec.of(depth, alpha), log10Targets);
    }

    /** The checkpoints of a network with any initialization, at the given log10 ε. */
    static List<Checkpoint> run(DataSet data, ModelSpec spec, double... log10Targets) {
        List<TargetLoss> targets = Arrays.stream(log10Targets).mapToObj(TargetLoss::ofLog10).toList();
        FlowProblem problem = new FlowProblem(data, new DiagonalModel().create(spec,
                data.dimension()), new ExponentialLoss(), targets, new Tolerances(1e-10, 1e-12), Map.of());
        Trajectory trajectory = new BdfIntegrator().integrate(problem, new RunControl() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
            }
        });
        if (trajectory.status() != Trajectory.Status.COMPLETED) {
            throw new AssertionError("trajectory " + trajectory.status() + ": " + trajectory.message());
        }
        return trajectory.checkpoints();
    }
}
