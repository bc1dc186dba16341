package org.biasflow.integrator.internal;

import java.util.Arrays;

import org.biasflow.api.Network;
import org.biasflow.api.Tangents;
import org.biasflow.linalg.DenseLu;
import org.biasflow.linalg.RowMatrix;

/**
 * The flow of any network in its own parameters: dw/dτ = F(w) = J(w)ᵀX̃ᵀp, du/dτ = q = ‖F‖², J = ∂β/∂w.
 *
 * <p>Its Jacobian has structure (PARAMETER-FLOW.md has the derivation and the measurements behind the choices):
 * ∂F/∂w = M = GᵀBG + H, where the rows of G (N × P) are the pullbacks Jᵀx̃ₙ of the data points, B = ppᵀ − diag(c)
 * is the curvature of the normalized loss in the margins, and H = Σᵢ gᵢ∇²βᵢ is the curvature of the network
 * contracted with g = X̃ᵀp. GᵀBG has rank at most N and holds the stiffness (the weights of non-support points
 * decay like e^{−uΔ}); H is of order one in the reparametrized clock. With φ = dτ/dρ, the Jacobian of dw/dρ is
 * φ(M − (2/q)F(MᵀF)ᵀ). Only the rows of G of points whose weight or curvature is not negligible are formed.
 *
 * <p>Two linear solvers use it. {@link LinearSolver#DENSE} forms the P × P Jacobian from G and P products with H
 * and factors it: for small P, or P not above N. {@link LinearSolver#KRYLOV} never forms a P × P array: GMRES on
 * the Newton system, preconditioned by the exact inverse of its loss-curvature part through the Woodbury
 * identity, an m × m system for the m points that matter.
 */
final class ParameterFlow extends ReparametrizedFlow {
    /** Points whose weight and curvature are below this fraction of the largest are left out of G. */
    private static final double NEGLIGIBLE = 1e-18;
    /** Parameter counts up to which the dense solver is chosen whatever N is. */
    private static final int SMALL = 256;

    /** How the Newton systems of an implicit step are solved. */
    enum LinearSolver {
        DENSE, KRYLOV;

        /** The cheaper one for P parameters and N points: dense while a P × P array is no larger than G. */
        static LinearSolver byCost(int parameters, int points) {
            return parameters <= Math.max(SMALL, points) ? DENSE : KRYLOV;
        }
    }

    private final Network network;
    private final Tangents tangents;
    private final LinearSolver solver;
    private final double[] beta;
    private final double[] gradient;

    ParameterFlow(Network network, Objective objective, Counters counters, LinearSolver solver) {
        super(objective, counters, network.parameterCount());
        this.network = network;
        this.tangents = network.capability(Tangents.class).orElse(null);
        this.solver = solver;
        this.beta = new double[objective.dimension];
        this.gradient = new double[core];
    }

    LinearSolver solver() {
        return solver;
    }

    /** Whether products with the Jacobian are exact, from the network's {@link Tangents}. */
    boolean exactTangents() {
        return tangents != null;
    }

    @Override
    double[] initialState() {
        double[] w = network.initialParameters();
        if (w.length != core) {
            throw new FlowStop(org.biasflow.api.Trajectory.Status.FAILED, "the model's network has "
                    + core + " parameters but its initial parameters have " + w.length + " entries");
        }
        double[] y = new double[dimension()];
        System.arraycopy(w, 0, y, 0, core);
        return y;
    }

    @Override
    double field(double[] y, double[] out) {
        network.predictor(y, beta);
        if (!objective.evaluate(beta, false)) {
            return Double.NaN;
        }
        network.pullback(y, objective.direction, gradient);
        double rate = 0.0;
        for (int i = 0; i < core; i++) {
            out[i] = gradient[i];
            rate += gradient[i] * gradient[i];
        }
        if (!Double.isFinite(rate)) {
            fail("the model's pullback returned a non-finite gradient");
            return Double.NaN;
        }
        return rate;
    }

    /**
     * dw/du = F/q with q = ‖F‖²: the parameters move by 1/√q while u changes by one, not by the 1/q of ν. Held to
     * 1/q, the weights of a fully connected network of width 100 that start at scale 1 (q = 2.3·10⁵) were each held
     * to 4·10⁻¹⁷ where they cross zero, and reaching 1e-10000 took a third more evaluations.
     */
    @Override
    double coreMovePerUnitLoss() {
        return 1.0 / Math.sqrt(rate());
    }

    @Override
    NewtonSystem newtonSystem() {
        return solver == LinearSolver.DENSE ? new DenseNewtonSystem(this) : new KrylovSystem();
    }

    @Override
    boolean jacobian(double[] y, double[][] jacobian) {
        Linearization at = linearize(y);
        if (at == null) {
            return false;
        }
        int n = core;
        int m = at.active.length;
        // BG, row by row: (BG)_b = p_b·(Σₐ pₐGₐ) − c_b·G_b
        double[][] bg = new double[m][n];
        double[] row = new double[n];
        double[] weightedSum = new double[n];
        for (int a = 0; a < m; a++) {
            at.pullbacks.row(a, row);
            for (int i = 0; i < n; i++) {
                weightedSum[i] += at.weights[a] * row[i];
            }
        }
        for (int b = 0; b < m; b++) {
            at.pullbacks.row(b, row);
            for (int i = 0; i < n; i++) {
                bg[b][i] = at.weights[b] * weightedSum[i] - at.curvature[b] * row[i];
            }
        }
        // M = GᵀBG + H
        double[][] curvature = new double[n][n];
        for (int a = 0; a < m; a++) {
            at.pullbacks.row(a, row);
            for (int i = 0; i < n; i++) {
                if (row[i] != 0.0) {
                    double[] target = curvature[i];
                    double[] source = bg[a];
                    double factor = row[i];
                    for (int j = 0; j < n; j++) {
                        target[j] += factor * source[j];
                    }
                }
            }
        }
        double[] unit = new double[n];
        double[] column = new double[n];
        for (int j = 0; j < n; j++) {
            unit[j] = 1.0;
            at.networkCurvature(unit, column);
            unit[j] = 0.0;
            for (int i = 0; i < n; i++) {
                curvature[i][j] += column[i];
            }
        }
        double[] force = at.force;
        double[] transposedProduct = new double[n];
        for (int i = 0; i < n; i++) {
            double f = force[i];
            if (f != 0.0) {
                double[] source = curvature[i];
                for (int j = 0; j < n; j++) {
                    transposedProduct[j] += f * source[j];
                }
            }
        }
        double phi = at.speed;
        double q = at.rate;
        int gain = gainIndex();
        for (int i = 0; i < n; i++) {
            double[] target = jacobian[i];
            double[] source = curvature[i];
            double reflected = 2.0 / q * force[i];
            for (int j = 0; j < n; j++) {
                target[j] = phi * (source[j] - reflected * transposedProduct[j]);
            }
            target[n] = 0.0;
            target[gain] = -phi * at.bend * force[i];
        }
        double[] time = jacobian[n];
        for (int j = 0; j < n; j++) {
            time[j] = -2.0 * phi / q * transposedProduct[j];
        }
        time[n] = -q * phi;
        time[gain] = -(1.0 - at.time * q) * phi * at.bend;
        double[] gainRow = jacobian[gain];
        Arrays.fill(gainRow, 0.0);
        gainRow[gain] = -at.bend * phi * q;
        return true;
    }

    /**
     * The structure of the flow at y: G for the points that matter, p, c, F, g and the clock's factors. Counts one
     * Jacobian.
     *
     * @return null when the flow cannot be evaluated at y
     */
    private Linearization linearize(double[] y) {
        counters.jacobians++;
        double[] unused = new double[dimension()];
        if (!derivative(y, unused)) {
            return null;
        }
        double[] force = gradient.clone();
        network.predictor(y, beta);
        if (!objective.evaluate(beta, true)) {
            return null;
        }
        double[] p = objective.weights;
        double[] c = objective.curvature;
        double largest = 0.0;
        for (int k = 0; k < p.length; k++) {
            largest = Math.max(largest, Math.max(p[k], c[k]));
        }
        int[] active = new int[p.length];
        int m = 0;
        for (int k = 0; k < p.length; k++) {
            if (Math.max(p[k], c[k]) > NEGLIGIBLE * largest) {
                active[m++] = k;
            }
        }
        active = Arrays.copyOf(active, m);
        RowMatrix stored = null;
        if (solver == LinearSolver.DENSE || tangents == null) {
            double[][] rows = new double[m][];
            double[] point = new double[objective.dimension];
            for (int a = 0; a < m; a++) {
                double[] pullback = new double[core];
                objective.features.row(active[a], point);
                network.pullback(y, point, pullback);
                for (double value : pullback) {
                    if (!Double.isFinite(value)) {
                        fail("the model's pullback returned a non-finite gradient");
                        return null;
                    }
                }
                rows[a] = pullback;
            }
            counters.pullbacks += m;
            stored = new RowMatrix(rows, core);
        }
        double[] weights = new double[m];
        double[] curvature = new double[m];
        for (int a = 0; a < m; a++) {
            weights[a] = p[active[a]];
            curvature[a] = c[active[a]];
        }
        return new Linearization(Arrays.copyOf(y, core), force, objective.direction.clone(), active, weights,
                curvature, stored, rate(), speed(),
                clock().bendOverSlope(y[gainIndex()]), y[timeIndex()]);
    }

    /** The flow's structure at one point, and the products with its Jacobian that Newton needs. */
    private final class Linearization {
        final double[] parameters;
        final double[] force;
        final double[] direction;
        final int[] active;
        final double[] weights;
        final double[] curvature;
        /**
         * G: the pullbacks Jᵀx̃ₙ of the active points, one per row; null when the network's tangents give products
         * with G instead (Gv = X̃Jv, Gᵀs = Jᵀ(X̃ᵀs)), which cost a pass through the network rather than over m·P
         * stored numbers: for width 100 on d = 1000 with N = 100, 3·10⁵ multiply-adds against 10⁷ and 80 MB.
         */
        final RowMatrix pullbacks;
        final double rate;
        final double speed;
        /** φ''(Δ)/φ'(Δ) of the clock. */
        final double bend;
        final double time;
        private final double[] shifted;
        private final double[] shiftedPullback;
        private final double[] networkPart;

        Linearization(double[] parameters, double[] force, double[] direction, int[] active, double[] weights,
                double[] curvature, RowMatrix pullbacks, double rate, double speed, double bend, double time) {
            this.parameters = parameters;
            this.force = force;
            this.direction = direction;
            this.active = active;
            this.weights = weights;
            this.curvature = curvature;
            this.pullbacks = pullbacks;
            this.rate = rate;
            this.speed = speed;
            this.bend = bend;
            this.time = time;
            this.shifted = new double[core];
            this.shiftedPullback = new double[core];
            this.networkPart = new double[core];
        }

        /** out = Hv, exactly from the network's tangents, else from a difference of two pullbacks at fixed g. */
        void networkCurvature(double[] v, double[] out) {
            counters.pullbacks++;
            if (tangents != null) {
                tangents.pullbackTangent(parameters, direction, v, out);
                return;
            }
            double size = Math.sqrt(dot(v, v));
            if (size == 0.0) {
                Arrays.fill(out, 0.0);
                return;
            }
            double h = Math.sqrt(Math.ulp(1.0)) * Math.max(1.0, Math.sqrt(dot(parameters, parameters))) / size;
            for (int i = 0; i < core; i++) {
                shifted[i] = parameters[i] + h * v[i];
            }
            network.pullback(shifted, direction, shiftedPullback);
            for (int i = 0; i < core; i++) {
                out[i] = (shiftedPullback[i] - force[i]) / h;
            }
        }

        /**
         * out = GᵀBGv, the loss-curvature part of Mv: from the stored pullbacks, or, with tangents, from
         * Jᵀ X̃ᵀ B X̃ Jv, which costs a forward and a backward pass instead of two passes over G.
         */
        void lossCurvature(double[] v, double[] out) {
            double[] t = new double[active.length];
            pointProducts(v, t);
            applyCurvature(weights, curvature, t);
            pointCombination(t, out);
        }

        /** out = Gv (length m): with tangents, the margins X̃Jv of the active points only. */
        void pointProducts(double[] v, double[] out) {
            if (pullbacks != null) {
                pullbacks.multiply(v, out);
                return;
            }
            double[] betaTangent = new double[objective.dimension];
            tangents.tangent(parameters, v, betaTangent);
            objective.features.multiplyRows(betaTangent, active, out);
        }

        /** out = Gᵀs (length P) for s over the active points. */
        void pointCombination(double[] s, double[] out) {
            if (pullbacks != null) {
                pullbacks.multiplyTransposed(s, out);
                return;
            }
            double[] full = new double[objective.size];
            for (int a = 0; a < active.length; a++) {
                full[active[a]] = s[a];
            }
            double[] predictorGradient = new double[objective.dimension];
            objective.features.multiplyTransposed(full, predictorGradient);
            network.pullback(parameters, predictorGradient, out);
            counters.pullbacks++;
        }

        /** GGᵀ (m × m): a Gram product of the stored rows, or column by column as G(Gᵀeₐ) through the tangents. */
        double[][] gram() {
            int m = active.length;
            if (pullbacks != null) {
                double[] ones = new double[core];
                Arrays.fill(ones, 1.0);
                return pullbacks.weightedGram(ones);
            }
            double[][] gram = new double[m][m];
            double[] unit = new double[m];
            double[] column = new double[core];
            double[] products = new double[m];
            for (int a = 0; a < m; a++) {
                unit[a] = 1.0;
                pointCombination(unit, column);
                unit[a] = 0.0;
                pointProducts(column, products);
                for (int b = 0; b < m; b++) {
                    gram[b][a] = products[b];
                }
            }
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < a; b++) {
                    double mean = 0.5 * (gram[a][b] + gram[b][a]);
                    gram[a][b] = mean;
                    gram[b][a] = mean;
                }
            }
            return gram;
        }

        /** out = Mv. */
        void curvatureProduct(double[] v, double[] out) {
            lossCurvature(v, out);
            networkCurvature(v, networkPart);
            for (int i = 0; i < core; i++) {
                out[i] += networkPart[i];
            }
        }
    }

    /**
     * Newton systems by GMRES without a P × P array. The Δ row is solved first and the z row last; the w block,
     * (I − cφ(M − (2/q)F(MᵀF)ᵀ))x = r, goes to GMRES in units of the error scale, preconditioned on the right by
     * the exact inverse of its loss-curvature part, I − cφRGᵀBG with R = I − (2/q)FFᵀ, which by Woodbury is
     * I + cφRGᵀ(I − cφBS)⁻¹BG with S = GRGᵀ (m × m). What is left for GMRES, cφRH, is of order one.
     */
    private final class KrylovSystem implements NewtonSystem {
        /** Krylov vectors kept before a restart. */
        private static final int RESTART = 40;
        /** Products with the operator after which a solve gives up, and Newton counts as not converging. */
        private static final int MAX_ITERATIONS = 120;
        /**
         * The root mean square of the residual, in error scales, at which a solve stops: far below the 0.03 error
         * scales at which Newton stops, so that Newton takes the steps of an exact solver. At 10⁻³ (about CVODE's
         * default) a run of 600 steps took 2 more than the dense solver's.
         */
        private static final double TOLERANCE = 1e-5;
        /** A solve also stops once its residual fell by this factor, where the first is far beyond the scale. */
        private static final double REDUCTION = 1e-10;

        /**
         * The Krylov vectors and their preconditioned images, allocated as first needed and kept across solves:
         * at P = 10⁵ each is 800 kB, and allocating three per iteration cost more than the iteration's arithmetic
         * on them.
         */
        private final double[][] basis = new double[RESTART + 1][];
        private final double[][] preconditioned = new double[RESTART][];
        private Linearization at;
        /** MᵀF = MF: M is the Hessian of u in w. */
        private double[] curvedForce;
        private double[][] projectedGram;
        private DenseLu capacitance;
        private double c;
        private double[] scale;

        @Override
        public boolean linearize(double[] y) {
            at = ParameterFlow.this.linearize(y);
            if (at == null) {
                return false;
            }
            curvedForce = new double[core];
            at.curvatureProduct(at.force, curvedForce);
            int m = at.active.length;
            projectedGram = at.gram();
            double[] u = new double[m];
            at.pointProducts(at.force, u);
            double reflection = 2.0 / at.rate;
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    projectedGram[a][b] -= reflection * u[a] * u[b];
                }
            }
            return true;
        }

        @Override
        public void factor(double stepFactor) {
            c = stepFactor;
            int m = at.active.length;
            double cphi = c * at.speed;
            double[] ps = new double[m];
            for (int a = 0; a < m; a++) {
                double weight = at.weights[a];
                if (weight != 0.0) {
                    double[] row = projectedGram[a];
                    for (int b = 0; b < m; b++) {
                        ps[b] += weight * row[b];
                    }
                }
            }
            double[][] matrix = new double[m][m];
            for (int a = 0; a < m; a++) {
                double[] row = projectedGram[a];
                for (int b = 0; b < m; b++) {
                    matrix[a][b] = -cphi * (at.weights[a] * ps[b] - at.curvature[a] * row[b]);
                }
                matrix[a][a] += 1.0;
            }
            capacitance = new DenseLu(matrix);
        }

        @Override
        public boolean solve(double[] rhs, double[] errorScale) {
            int n = core;
            int time = timeIndex();
            int gain = gainIndex();
            double phi = at.speed;
            double q = at.rate;
            double gainSolution = rhs[gain] / (1.0 + c * at.bend * phi * q);
            double[] right = new double[n];
            for (int i = 0; i < n; i++) {
                right[i] = rhs[i] - c * phi * at.bend * at.force[i] * gainSolution;
            }
            scale = errorScale;
            double[] x = new double[n];
            boolean solved = gmres(right, x);
            double timeSolution = (rhs[time] - c * 2.0 * phi / q * dot(curvedForce, x)
                    - c * (1.0 - at.time * q) * phi * at.bend * gainSolution) / (1.0 + c * q * phi);
            System.arraycopy(x, 0, rhs, 0, n);
            rhs[time] = timeSolution;
            rhs[gain] = gainSolution;
            return solved;
        }

        /**
         * The operator in units of the error scale s: out = A(s ⊙ v)/s with A = I − cφ(M − (2/q)F(MᵀF)ᵀ). The sum
         * after the products and the scaling back share one pass over the P entries.
         */
        private void scaledOperator(double[] v, double[] out, double[] work) {
            counters.krylovIterations++;
            for (int i = 0; i < core; i++) {
                work[i] = scale[i] * v[i];
            }
            at.curvatureProduct(work, out);
            double reflected = 2.0 / at.rate * dot(curvedForce, work);
            double cphi = c * at.speed;
            for (int i = 0; i < core; i++) {
                out[i] = (work[i] - cphi * (out[i] - reflected * at.force[i])) / scale[i];
            }
        }

        /** The preconditioner in units of the error scale: out = P(s ⊙ v)/s with P = (I − cφRGᵀBG)⁻¹. */
        private void scaledPreconditioner(double[] v, double[] out, double[] work) {
            for (int i = 0; i < core; i++) {
                work[i] = scale[i] * v[i];
            }
            int m = at.active.length;
            double[] t = new double[m];
            at.pointProducts(work, t);
            applyCurvature(at.weights, at.curvature, t);
            capacitance.solve(t);
            at.pointCombination(t, out);
            double reflected = 2.0 / at.rate * dot(at.force, out);
            double cphi = c * at.speed;
            for (int i = 0; i < core; i++) {
                out[i] = (work[i] + cphi * (out[i] - reflected * at.force[i])) / scale[i];
            }
        }

        /**
         * Restarted GMRES with right preconditioning and modified Gram–Schmidt (Saad, Iterative Methods for Sparse
         * Linear Systems, 9.3.2), on the system in error-scale units; x is in the system's own units. The
         * preconditioned basis vectors are kept, as flexible GMRES keeps them (9.4.1), so that the solution costs
         * no further pass over G: each pass streams P·m doubles, and they are most of a solve's work.
         *
         * @return whether the residual reached the tolerance
         */
        private boolean gmres(double[] right, double[] x) {
            int n = core;
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = right[i] / scale[i];
            }
            double initial = Math.sqrt(dot(b, b));
            if (initial == 0.0) {
                return true;
            }
            if (!Double.isFinite(initial)) {
                return false;
            }
            double target = Math.max(TOLERANCE * Math.sqrt(n), REDUCTION * initial);
            double[] solution = new double[n];
            double[] residual = b;
            double[] work = new double[n];
            double[][] hessenberg = new double[RESTART + 1][RESTART];
            double[] cosines = new double[RESTART];
            double[] sines = new double[RESTART];
            double[] g = new double[RESTART + 1];
            int iterations = 0;
            double norm = initial;
            while (true) {
                Arrays.fill(g, 0.0);
                g[0] = norm;
                double[] first = vector(basis, 0);
                for (int i = 0; i < n; i++) {
                    first[i] = residual[i] / norm;
                }
                int k = 0;
                double estimate = norm;
                while (k < RESTART && iterations < MAX_ITERATIONS) {
                    scaledPreconditioner(basis[k], vector(preconditioned, k), work);
                    double[] w = vector(basis, k + 1);
                    scaledOperator(preconditioned[k], w, work);
                    iterations++;
                    for (int j = 0; j <= k; j++) {
                        double h = dot(w, basis[j]);
                        hessenberg[j][k] = h;
                        for (int i = 0; i < n; i++) {
                            w[i] -= h * basis[j][i];
                        }
                    }
                    double next = Math.sqrt(dot(w, w));
                    for (int j = 0; j < k; j++) {
                        double upper = hessenberg[j][k];
                        double lower = hessenberg[j + 1][k];
                        hessenberg[j][k] = cosines[j] * upper + sines[j] * lower;
                        hessenberg[j + 1][k] = -sines[j] * upper + cosines[j] * lower;
                    }
                    double radius = Math.hypot(hessenberg[k][k], next);
                    cosines[k] = radius == 0.0 ? 1.0 : hessenberg[k][k] / radius;
                    sines[k] = radius == 0.0 ? 0.0 : next / radius;
                    hessenberg[k][k] = radius;
                    g[k + 1] = -sines[k] * g[k];
                    g[k] = cosines[k] * g[k];
                    k++;
                    estimate = Math.abs(g[k]);
                    if (estimate <= target || next == 0.0 || !Double.isFinite(next)) {
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        w[i] /= next;
                    }
                }
                double[] y = new double[k];
                for (int j = k - 1; j >= 0; j--) {
                    double sum = g[j];
                    for (int l = j + 1; l < k; l++) {
                        sum -= hessenberg[j][l] * y[l];
                    }
                    y[j] = hessenberg[j][j] == 0.0 ? 0.0 : sum / hessenberg[j][j];
                }
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < n; i++) {
                        solution[i] += y[j] * preconditioned[j][i];
                    }
                }
                if (estimate <= target || iterations >= MAX_ITERATIONS || !Double.isFinite(estimate)) {
                    norm = estimate;
                    break;
                }
                // A restart starts from the true residual, which the recurrence's estimate drifts from.
                residual = new double[n];
                scaledOperator(solution, residual, work);
                for (int i = 0; i < n; i++) {
                    residual[i] = b[i] - residual[i];
                }
                norm = Math.sqrt(dot(residual, residual));
            }
            for (int i = 0; i < n; i++) {
                x[i] = scale[i] * solution[i];
            }
            return norm <= target;
        }

        /** vectors[k], allocated on first use. */
        private double[] vector(double[][] vectors, int k) {
            if (vectors[k] == null) {
                vectors[k] = new double[core];
            }
            return vectors[k];
        }
    }

    /** t ← B t = p(pᵀt) − c ⊙ t. */
    private static void applyCurvature(double[] p, double[] c, double[] t) {
        double pt = dot(p, t);
        for (int k = 0; k < t.length; k++) {
            t[k] = p[k] * pt - c[k] * t[k];
        }
    }

    private static double dot(double[] a, double[] b) {
        return RowMatrix.dot(a, 0, b, 0, a.length);
    }

    @Override
    double[] beta(double[] y) {
        double[] result = new double[objective.dimension];
        network.predictor(y, result);
        return result;
    }

    @Override
    double[] parameters(double[] y) {
        return Arrays.copyOf(y, core);
    }
}
