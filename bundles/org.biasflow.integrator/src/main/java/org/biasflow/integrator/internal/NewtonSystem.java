package org.biasflow.integrator.internal;

/**
 * The linear systems (I − c·J)x = r of an implicit step, J = ∂(dy/dρ)/∂y of a {@link ReparametrizedFlow}: a
 * linearization, formed rarely (when Newton stops converging), and solves with it for each step size c.
 */
interface NewtonSystem {

    /**
     * Forms J at y, counting one Jacobian.
     *
     * @return false when the flow cannot be evaluated at y
     */
    boolean linearize(double[] y);

    /**
     * What the last {@link #linearize}, with a factorization, costs in evaluations of the flow's vector field (before
     * the first, what the first would cost at most); 0 when it is not known. The stepper lets Newton iterate longer,
     * accelerated, before asking for a new one where it is large, and starts without one.
     */
    default double linearizationCost() {
        return 0.0;
    }

    /** Readies solves with I − c·J at the last linearization; solves before the next call use this c. */
    void factor(double c);

    /**
     * Overwrites {@code rhs} with x solving (I − c·J)x = rhs.
     *
     * @param scale the size of an acceptable error in each component, for solvers that stop iterating when the
     *        residual is small next to it, or that leave out terms of the matrix that move the solution by far less
     * @return false when no solution was found to that accuracy
     */
    boolean solve(double[] rhs, double[] scale);

    /** I − c·J, for a dense J. */
    static double[][] newtonMatrix(double[][] jacobian, double c) {
        int n = jacobian.length;
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                matrix[i][j] = -c * jacobian[i][j];
            }
            matrix[i][i] += 1.0;
        }
        return matrix;
    }
}
