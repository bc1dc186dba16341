package org.biasflow.integrator.internal;

import org.biasflow.linalg.DenseLu;

/** A flow's Jacobian as an n × n array, factored by LU: for the ν flow, and for small parameter flows. */
final class DenseNewtonSystem implements NewtonSystem {
    private final ReparametrizedFlow flow;
    private final double[][] jacobian;
    private DenseLu lu;

    DenseNewtonSystem(ReparametrizedFlow flow) {
        this.flow = flow;
        int n = flow.dimension();
        this.jacobian = new double[n][n];
    }

    @Override
    public boolean linearize(double[] y) {
        return flow.jacobian(y, jacobian);
    }

    @Override
    public void factor(double c) {
        int n = jacobian.length;
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                matrix[i][j] = -c * jacobian[i][j];
            }
            matrix[i][i] += 1.0;
        }
        lu = new DenseLu(matrix);
    }

    @Override
    public boolean solve(double[] rhs, double[] scale) {
        lu.solve(rhs);
        return true;
    }
}
