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
        lu = new DenseLu(NewtonSystem.newtonMatrix(jacobian, c));
    }

    @Override
    public boolean solve(double[] rhs, double[] scale) {
        lu.solve(rhs);
        return true;
    }
}
