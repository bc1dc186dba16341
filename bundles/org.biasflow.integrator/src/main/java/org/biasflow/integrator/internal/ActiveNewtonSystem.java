package org.biasflow.integrator.internal;

import org.biasflow.linalg.DenseLu;
import org.biasflow.linalg.RowMatrix;

/**
 * The Newton systems of the ν flow over the points that carry weight ({@link MirrorFlow#linearize}): the others'
 * rows of the Jacobian are negligible, so their unknowns are the right-hand side itself, and what remains is a dense
 * system of the active points, z and Δ, factored by LU. Late in a flow at N = 1000 about half the points remain, and
 * the system costs an eighth of the whole to factor.
 */
final class ActiveNewtonSystem implements NewtonSystem {
    private final MirrorFlow flow;
    private final RowMatrix features;
    private MirrorFlow.Linearization linear;
    private double factoredAt;
    private DenseLu lu;

    ActiveNewtonSystem(MirrorFlow flow) {
        this.flow = flow;
        this.features = flow.objective.features;
    }

    /** A state where the flow cannot be evaluated leaves the last linearization in place, for shorter steps. */
    @Override
    public boolean linearize(double[] y) {
        MirrorFlow.Linearization at = flow.linearize(y);
        if (at == null) {
            return false;
        }
        linear = at;
        return true;
    }

    @Override
    public void factor(double c) {
        double[][] block = linear.block();
        int size = block.length;
        double[][] matrix = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                matrix[i][j] = -c * block[i][j];
            }
            matrix[i][i] += 1.0;
        }
        lu = new DenseLu(matrix);
        factoredAt = c;
    }

    /**
     * The inactive unknowns are their right-hand side; moved to the right, they enter the active rows and z's. They
     * are zero but for points that stopped moving in the last few steps, whose ν the predictor still extrapolates:
     * their K terms then cost a product with X̃ in their rows and one in the active rows.
     */
    @Override
    public boolean solve(double[] rhs, double[] scale) {
        int[] active = linear.active();
        int size = active.length;
        int core = linear.columns().length;
        double alongColumns = 0.0;
        double alongTime = 0.0;
        double[] inactive = new double[core];
        boolean moving = false;
        int next = 0;
        for (int k = 0; k < core; k++) {
            if (next < size && active[next] == k) {
                next++;
            } else if (rhs[k] != 0.0) {
                alongColumns += linear.columns()[k] * rhs[k];
                alongTime += linear.timeRow()[k] * rhs[k];
                inactive[k] = rhs[k];
                moving = true;
            }
        }
        double[] reduced = new double[size + 2];
        if (moving) {
            double[] kernelTimes = linear.kernelTimes(features, inactive);
            for (int a = 0; a < size; a++) {
                reduced[a] = -factoredAt * linear.curvatures()[a] * kernelTimes[a];
            }
        }
        for (int a = 0; a < size; a++) {
            reduced[a] += rhs[active[a]] + factoredAt * linear.weights()[a] * alongColumns;
        }
        reduced[size] = rhs[core] + factoredAt * alongTime;
        reduced[size + 1] = rhs[core + 1];
        lu.solve(reduced);
        for (int a = 0; a < size; a++) {
            rhs[active[a]] = reduced[a];
        }
        rhs[core] = reduced[size];
        rhs[core + 1] = reduced[size + 1];
        return true;
    }
}
