package org.biasflow.analyzer.internal;

/**
 * Minimizes a smooth convex function over λ ≥ 0 by projected Newton steps (Bertsekas' two-metric projection):
 * Newton on the free coordinates, scaled gradient on those held at the bound, an Armijo search along the
 * projection arc. It serves every dual in this bundle, whose gradients are margin residuals X̃β(λ) − 1, so the
 * stopping test on the natural residual ‖min(λ, ∇f)‖_∞ bounds constraint violation and complementarity directly.
 */
final class BoundedNewton {

    /** The function to minimize. */
    interface Objective {
        /** f(λ), or +∞ outside its domain. */
        double value(double[] lambda);

        double[] gradient(double[] lambda);

        /**
         * The Newton step on the given coordinates F: x with H_FF·x = rhs, H the Hessian at λ. Exact, or within a
         * small fraction of itself (then Newton's convergence is linear, at about that fraction per iteration,
         * instead of quadratic).
         */
        double[] newtonStep(double[] lambda, int[] free, double[] rhs);
    }

    /** The minimizer found, how far it is from optimal, and the work spent. */
    record Result(double[] lambda, double residual, int iterations) {
    }

    /** Raised when f decreases without bound along λ ≥ 0 (for the margin duals: non-separable data). */
    static final class Unbounded extends RuntimeException {
        Unbounded(String message) {
            super(message);
        }
    }

    /** f(λ) = ½λᵀAλ − bᵀλ for a symmetric positive semidefinite A. */
    static Objective quadratic(double[][] matrix, double[] linear) {
        return new Objective() {
            @Override
            public double value(double[] lambda) {
                double[] product = times(matrix, lambda);
                double sum = 0;
                for (int n = 0; n < lambda.length; n++) {
                    sum += lambda[n] * (0.5 * product[n] - linear[n]);
                }
                return sum;
            }

            @Override
            public double[] gradient(double[] lambda) {
                double[] product = times(matrix, lambda);
                for (int n = 0; n < product.length; n++) {
                    product[n] -= linear[n];
                }
                return product;
            }

            @Override
            public double[] newtonStep(double[] lambda, int[] free, double[] rhs) {
                double[][] restricted = new double[free.length][free.length];
                for (int a = 0; a < free.length; a++) {
                    for (int b = 0; b < free.length; b++) {
                        restricted[a][b] = matrix[free[a]][free[b]];
                    }
                }
                return DenseCholesky.solveRegularized(restricted, rhs);
            }
        };
    }

    private static double[] times(double[][] matrix, double[] vector) {
        double[] result = new double[vector.length];
        for (int n = 0; n < vector.length; n++) {
            double sum = 0;
            double[] row = matrix[n];
            for (int k = 0; k < vector.length; k++) {
                sum += row[k] * vector[k];
            }
            result[n] = sum;
        }
        return result;
    }

    private static final double UNBOUNDED_DUAL = 1e15;
    private static final double ARMIJO = 1e-4;

    private BoundedNewton() {
    }

    static Result minimize(Objective objective, double[] start, double tolerance, int maxIterations) {
        int size = start.length;
        double[] lambda = new double[size];
        for (int n = 0; n < size; n++) {
            lambda[n] = Math.max(0, start[n]);
        }
        double value = objective.value(lambda);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the starting point lies outside the objective's domain");
        }
        double[] gradient = objective.gradient(lambda);
        double residual = requireFinite(naturalResidual(lambda, gradient));
        int iteration = 0;
        while (residual > tolerance && iteration < maxIterations) {
            iteration++;
            // Relative to the dual's own scale: at d = 10⁴ the multipliers of the ℓ2 dual are ~1e-4, and an absolute
            // bound held nearly all of them at zero, one coordinate freed per iteration.
            double activeBound = Math.min(1e-3 * max(lambda), residual);
            int[] free = freeCoordinates(lambda, gradient, activeBound);
            double[] direction = new double[size];
            for (int n = 0; n < size; n++) {
                direction[n] = -gradient[n];
            }
            double[] freeStep = objective.newtonStep(lambda, free, negate(gradient, free));
            for (int f = 0; f < free.length; f++) {
                direction[free[f]] = freeStep[f];
            }
            double step = 1;
            double[] trial = new double[size];
            boolean accepted = false;
            while (step > 1e-20) {
                double decrease = 0;
                for (int n = 0; n < size; n++) {
                    trial[n] = Math.max(0, lambda[n] + step * direction[n]);
                    decrease += gradient[n] * (trial[n] - lambda[n]);
                }
                double trialValue = objective.value(trial);
                if (trialValue <= value + ARMIJO * decrease) {
                    accepted = true;
                } else if (Math.abs(trialValue - value) <= 1e-13 * Math.abs(value) + Double.MIN_NORMAL) {
                    // Near the optimum f changes by less than its rounding: judge the step by the residual instead.
                    accepted = naturalResidual(trial, objective.gradient(trial)) < residual;
                }
                if (accepted) {
                    value = trialValue;
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                break;
            }
            System.arraycopy(trial, 0, lambda, 0, size);
            if (max(lambda) > UNBOUNDED_DUAL) {
                throw new Unbounded("the dual grows without bound");
            }
            gradient = objective.gradient(lambda);
            residual = requireFinite(naturalResidual(lambda, gradient));
        }
        return new Result(lambda, residual, iteration);
    }

    /** A NaN residual would end the iteration as if converged, with a NaN answer. */
    private static double requireFinite(double residual) {
        if (!Double.isFinite(residual)) {
            throw new ArithmeticException("the gradient of a dual problem is " + residual
                    + ": the data or an iterate overflowed the double range");
        }
        return residual;
    }

    /** ‖min(λ, ∇f)‖_∞: zero exactly at the KKT points of min f over λ ≥ 0. */
    static double naturalResidual(double[] lambda, double[] gradient) {
        double residual = 0;
        for (int n = 0; n < lambda.length; n++) {
            residual = Math.max(residual, Math.abs(Math.min(lambda[n], gradient[n])));
        }
        return residual;
    }

    private static int[] freeCoordinates(double[] lambda, double[] gradient, double activeBound) {
        return java.util.stream.IntStream.range(0, lambda.length)
                .filter(n -> !(lambda[n] <= activeBound && gradient[n] > 0)).toArray();
    }

    private static double[] negate(double[] vector, int[] indices) {
        double[] result = new double[indices.length];
        for (int f = 0; f < indices.length; f++) {
            result[f] = -vector[indices[f]];
        }
        return result;
    }

    private static double max(double[] vector) {
        double largest = 0;
        for (double v : vector) {
            largest = Math.max(largest, v);
        }
        return largest;
    }
}
