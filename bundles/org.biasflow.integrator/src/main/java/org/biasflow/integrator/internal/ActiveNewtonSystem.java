package org.biasflow.integrator.internal;

import java.util.HashMap;
import java.util.Map;

import org.biasflow.linalg.DenseLu;
import org.biasflow.linalg.RowMatrix;

/**
 * The Newton systems of the ν flow over the points that carry weight ({@link MirrorFlow#linearize}): the others'
 * rows of the Jacobian are negligible, so their unknowns are the right-hand side itself, and what remains is a dense
 * system of the active points, z and Δ, factored by LU. Late in a flow at N = 1000 about half the points remain, and
 * the system costs an eighth of the whole to factor.
 */
final class ActiveNewtonSystem implements NewtonSystem {
    /**
     * Inactive unknowns at most this fraction of their error scale enter the active rows without their K terms:
     * a thousand of them move the solution by less than a thousandth of its error scale.
     */
    private static final double NEGLIGIBLE_SHIFT = 1e-6;
    /** Multiply-adds an exponential or a logarithm costs, for {@link #linearizationCost}. */
    private static final double TRANSCENDENTAL = 50;
    private final MirrorFlow flow;
    private final RowMatrix features;
    /** Columns of K over the active points for inactive points, by point, at the last linearization. */
    private final Map<Integer, double[]> kernelColumns = new HashMap<>();
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
        kernelColumns.clear();
        return true;
    }

    /**
     * At most the active points' Gram matrix over every feature, a²d/2 multiply-adds, and an LU of the system,
     * (a + 2)³/3, against an evaluation's three passes over X̃, 3Nd, and its exponentials and logarithms, one for
     * each point and feature, each worth {@value #TRANSCENDENTAL} multiply-adds. Before the first linearization,
     * every point is active.
     */
    @Override
    public double linearizationCost() {
        double points = features.rows();
        double active = linear == null ? points : linear.active().length;
        double features = this.features.columns();
        double gram = active * active * features / 2;
        double lu = Math.pow(active + 2, 3) / 3;
        return (gram + lu) / (3 * points * features + TRANSCENDENTAL * (points + features));
    }

    @Override
    public void factor(double c) {
        lu = new DenseLu(NewtonSystem.newtonMatrix(linear.block(), c));
        factoredAt = c;
    }

    /**
     * The inactive unknowns are their right-hand side; moved to the right, they enter the active rows and z's. They
     * are zero but for points that stopped moving in the last few steps, whose ν the predictor still extrapolates:
     * their columns of K are formed as first needed, and kept until the next linearization. At N = 1000, d = 10000,
     * α = 1 to 1e-10000 a product with X̃ for each solve that needed them took 2.3 s of 31. The K terms of the points
     * whose weight is small but not zero, whose unknowns are tiny next to their error scale, are left out of the
     * matrix as their rows are: each moves the active unknowns by about as little.
     */
    @Override
    public boolean solve(double[] rhs, double[] scale) {
        int[] active = linear.active();
        int size = active.length;
        int core = linear.columns().length;
        double alongColumns = 0.0;
        double alongTime = 0.0;
        double[] alongKernel = new double[size];
        int next = 0;
        for (int k = 0; k < core; k++) {
            if (next < size && active[next] == k) {
                next++;
            } else if (rhs[k] != 0.0) {
                alongColumns += linear.columns()[k] * rhs[k];
                alongTime += linear.timeRow()[k] * rhs[k];
                if (scale != null && Math.abs(rhs[k]) <= NEGLIGIBLE_SHIFT * scale[k]) {
                    continue;
                }
                double[] column = kernelColumns.computeIfAbsent(k, point -> linear.kernelColumn(features, point));
                for (int a = 0; a < size; a++) {
                    alongKernel[a] += column[a] * rhs[k];
                }
            }
        }
        double[] reduced = new double[size + 2];
        for (int a = 0; a < size; a++) {
            reduced[a] = rhs[active[a]] + factoredAt * (linear.weights()[a] * alongColumns
                    - linear.curvatures()[a] * alongKernel[a]);
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
