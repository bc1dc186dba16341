package org.biasflow.integrator.internal;

import org.biasflow.api.Tolerances;

/**
 * Variable-order (1–5) numerical differentiation formulas in Nordsieck-like difference form, with a simplified
 * Newton iteration whose linear system ({@link NewtonSystem}: a dense LU, or a Krylov solver for large parameter
 * flows) is reused across steps and a Jacobian refreshed only when Newton fails to converge: the quasi-constant step
 * size scheme of Shampine and Reichelt's ode15s, as SciPy's BDF also implements it. Where a Jacobian is costly,
 * unlike theirs, the Newton iterations are Anderson-accelerated ({@link Acceleration}) so that it lasts more steps,
 * and the flow starts without one: until it turns stiff, the corrector is found by functional iteration, as in the
 * non-stiff mode of LSODA, and the first Jacobian is formed when that iteration stops converging.
 */
final class BdfStepper implements Stepper {
    private static final int MAX_ORDER = 5;
    /** Newton iterations allowed before a step gives up and asks for a new Jacobian, as in ode15s. */
    private static final int NEWTON_MAX_ITERATIONS = 4;
    /**
     * Newton iterations allowed when a Jacobian costs more than {@link #COSTLY_JACOBIAN} evaluations: they are then
     * accelerated ({@link Acceleration}), so that an iteration whose Jacobian has aged still converges in a few more.
     * At N = 1000, d = 10000, α = 10 to 1e-1000000 that took 57 Jacobians instead of 230, for 13 % more evaluations.
     */
    private static final int ACCELERATED_MAX_ITERATIONS = 8;
    /**
     * A Jacobian that costs more evaluations than this ({@link NewtonSystem#linearizationCost}) is worth a few more
     * Newton iterations. N = 1000, d = 10000 (about 170): 89 → 66 s at α = 10, 35.5 → 33.8 s at α = 1;
     * N = 100, d = 1000 (about 15): 0.47–0.58 → 0.36–0.51 s at α = 10, the same at α = 0.1 and 1; N = 20, d = 50
     * (about 2, the main job's trajectories): 15 % slower, the Jacobians being too cheap to spare.
     */
    static final double COSTLY_JACOBIAN = 10.0;
    /**
     * Newton increments, in units of the error scale, that stop shrinking while both stay below this have reached
     * the rounding noise of the vector field; the iterate is then as good as the field allows. Late in a flow the
     * weights p carry a relative noise of about u·ε_mach times the cancellation in the margins X̃β, and Newton's
     * increments stagnate at that noise instead of contracting. Noise within {@link #NEWTON_TOLERANCE} does not
     * disturb the error estimate, which is held below 1.
     */
    private static final double ROUNDING_NOISE = 0.03;
    /**
     * Newton stops when its estimated remaining error is below this many error scales: κ = 0.03 of Hairer and
     * Wanner's criterion η‖Δ‖ ≤ κ·tol (Solving ODEs II, IV.8), within their range 0.01–0.1. ode15s and SciPy
     * use min(0.03, √rtol), which at rtol = 10⁻⁹ asks Newton for three more digits than the step keeps: the
     * predictor of a long step then starts a few error scales off, four iterations fall just short, and a new
     * Jacobian is formed that changes nothing. Against runs with a Newton tolerance of 3·10⁻⁶, β's
     * direction moves by at most 9·10⁻⁹ (depth 2 and 3, α from 0.1 to 10, down to 1e-100000), while evaluations
     * fall by a third and Jacobians by half.
     */
    private static final double NEWTON_TOLERANCE = 0.03;
    /**
     * When Newton fails from a predictor this far off, in units of the error test (the error constant times the
     * first Newton increment, which a converged correction would be close to), the step would fail the error test
     * even if Newton converged: it is shortened at once, by the factor the error test would choose, rather than
     * after a new Jacobian. Late in a flow with many points, where a point joining the support throws the
     * predictor off by thousands of error scales, a new Jacobian never rescued such a step in traces at N = 300.
     */
    private static final double FAR_PREDICTOR = 10.0;
    /**
     * The Newton matrix I − cJ is factored again when c has moved by more than this fraction of the c it was factored
     * for, as CVODE does (its DGMAX); a c this close still makes simplified Newton contract. Factoring at every change
     * of the step size took 134 LUs where 50 do at N = 1000, d = 10000, α = 1 to 1e-10000, for as many evaluations.
     */
    private static final double REFACTOR = 0.3;
    /**
     * With accelerated iterations a factorization may lag further behind c, the acceleration making up for it. At
     * N = 1000, d = 10000 to 1e-1000000: α = 10, 149 → 88 LUs of up to 1002 × 1002 for 5,688 → 5,632 evaluations,
     * 94.2 / 83.7 → 87.5 / 82.5 s run alternately; α = 1, 149 → 100 LUs for 3,082 → 3,124 evaluations.
     */
    private static final double ACCELERATED_REFACTOR = 0.6;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10.0;
    /** Late in the flow ρ ≈ ln u + ln(u/κ): longer steps would span more than a factor √e in u and gain nothing. */
    private static final double MAX_STEP = 1.0;
    /** Klopfenstein–Shampine NDF coefficients; order 5 is plain BDF. */
    private static final double[] KAPPA = {0.0, -0.1850, -1.0 / 9.0, -0.0823, -0.0415, 0.0};
    private static final double[] GAMMA = new double[MAX_ORDER + 1];
    private static final double[] ALPHA = new double[MAX_ORDER + 1];
    private static final double[] ERROR_CONSTANT = new double[MAX_ORDER + 2];

    static {
        for (int k = 1; k <= MAX_ORDER; k++) {
            GAMMA[k] = GAMMA[k - 1] + 1.0 / k;
        }
        for (int k = 0; k <= MAX_ORDER; k++) {
            ALPHA[k] = (1.0 - KAPPA[k]) * GAMMA[k];
            ERROR_CONSTANT[k] = KAPPA[k] * GAMMA[k] + 1.0 / (k + 1);
        }
        ERROR_CONSTANT[MAX_ORDER + 1] = 1.0 / (MAX_ORDER + 2);
    }

    private final ReparametrizedFlow flow;
    private final Listener listener;
    private final Counters counters;
    private final int n;
    private final double relative;
    private final double absolute;
    private final double newtonTolerance;
    /** Backward differences of the interpolating polynomial, scaled by powers of the step size. */
    private final double[][] differences;
    private final NewtonSystem system;
    /** The step-size factor c of the last {@link NewtonSystem#factor}; NaN when a new Jacobian has not been factored. */
    private double factored = Double.NaN;
    private double r;
    private double stepSize;
    private int order = 1;
    private int equalSteps;
    /** The first Newton increment of the last solve, in error scales; NaN when it did not get that far. */
    private double firstIncrement;
    /** Whether the Newton iterations with the current Jacobian are accelerated. */
    private boolean accelerated;
    /**
     * Whether the corrector is still found by functional iteration, without a Jacobian: from the start where one
     * costs more than {@link #COSTLY_JACOBIAN} evaluations, until that iteration first fails to converge. Before
     * the flow turns stiff the iteration contracts as fast as Newton's. At N = 1000, d = 10000 the first Jacobian
     * came after about 380 evaluations instead of at the start, and 1e-1 was reached in 2.8–3.0 s instead of 5.5 s
     * (a Jacobian, and the LUs of a step size that grows at every few steps, saved).
     */
    private boolean functional;

    BdfStepper(ReparametrizedFlow flow, double r0, double[] y0, double[] f0, Tolerances tolerances,
            Listener listener) {
        this.flow = flow;
        this.listener = listener;
        this.counters = flow.counters;
        this.n = y0.length;
        this.relative = tolerances.relative();
        this.absolute = tolerances.absolute();
        this.newtonTolerance = Math.max(10 * Math.ulp(1.0) / relative, NEWTON_TOLERANCE);
        this.r = r0;
        this.differences = new double[MAX_ORDER + 3][n];
        this.system = flow.newtonSystem();
        stepSize = Math.min(MAX_STEP, initialStep(y0, f0));
        System.arraycopy(y0, 0, differences[0], 0, n);
        for (int i = 0; i < n; i++) {
            differences[1][i] = f0[i] * stepSize;
        }
        functional = system.linearizationCost() > COSTLY_JACOBIAN;
        if (!functional && !linearize(y0)) {
            throw new FlowStop(org.biasflow.api.Trajectory.Status.FAILED, flow.problem());
        }
    }

    @Override
    public void advanceTo(double target, double bound, double[] y) {
        while (r < target) {
            step(bound);
        }
        if (r == target) {
            System.arraycopy(differences[0], 0, y, 0, n);
        } else {
            interpolate(target, y);
        }
    }

    /**
     * The state at t within the last step, from the polynomial through the last order + 1 states that the
     * differences hold (as SciPy's BDF dense output): y(t) = D₀ + Σⱼ Dⱼ Πₖ (t − r + k·h)/((k + 1)·h), k = 0 … j − 1.
     * Its error is of the order of the step's own, which the error test holds below the tolerance.
     */
    private void interpolate(double t, double[] y) {
        System.arraycopy(differences[0], 0, y, 0, n);
        double product = 1.0;
        for (int j = 1; j <= order; j++) {
            int k = j - 1;
            product *= (t - r + k * stepSize) / ((k + 1) * stepSize);
            double[] row = differences[j];
            for (int i = 0; i < n; i++) {
                y[i] += row[i] * product;
            }
        }
    }

    @Override
    public double[] state() {
        return differences[0].clone();
    }

    /** Hairer, Nørsett and Wanner's starting step for a first-order method. */
    private double initialStep(double[] y0, double[] f0) {
        double[] scale = new double[n];
        errorScale(y0, scale);
        double d0 = rms(y0, 1.0, scale);
        double d1 = rms(f0, 1.0, scale);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        double[] y1 = new double[n];
        for (int i = 0; i < n; i++) {
            y1[i] = y0[i] + h0 * f0[i];
        }
        double[] f1 = new double[n];
        if (!flow.derivative(y1, f1)) {
            return h0;
        }
        for (int i = 0; i < n; i++) {
            f1[i] -= f0[i];
        }
        double d2 = rms(f1, 1.0 / h0, scale);
        double h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.sqrt(0.01 / Math.max(d1, d2));
        return Math.min(100 * h0, h1);
    }

    /** One accepted step, shortened so as to land on {@code bound} rather than interpolate across it. */
    private void step(double bound) {
        double minStep = 10 * Math.ulp(r);
        double h = stepSize;
        boolean currentJacobian = false;
        boolean shortened = false;
        double[] predicted = new double[n];
        double[] scale = new double[n];
        double[] psi = new double[n];
        NewtonResult newton;
        while (true) {
            // Written so that a NaN step size also ends here: tolerances far below what doubles resolve (atol 1e-300)
            // made the starting step NaN, which no comparison h < minStep catches, and the loop spun on for ever.
            if (!(h >= minStep)) {
                throw new StepSizeCollapse(r);
            }
            if (r + h > bound) {
                h = rescale(h, (bound - r) / h);
            }
            java.util.Arrays.fill(predicted, 0.0);
            java.util.Arrays.fill(psi, 0.0);
            double[] state = differences[0];
            for (int i = 0; i < n; i++) {
                predicted[i] += state[i];
            }
            // ψ has no k = 0 term. Tested inside one loop over every k, that condition made the loop 1.7 times as slow
            // at P = 10⁵, where it took 8 % of a run.
            for (int k = 1; k <= order; k++) {
                double[] row = differences[k];
                double gamma = GAMMA[k];
                double alpha = ALPHA[order];
                for (int i = 0; i < n; i++) {
                    predicted[i] += row[i];
                    psi[i] += row[i] * gamma / alpha;
                }
            }
            errorScale(predicted, scale);
            double c = h / ALPHA[order];
            newton = null;
            boolean far = false;
            while (newton == null) {
                double refactor = accelerated ? ACCELERATED_REFACTOR : REFACTOR;
                if (!functional && (Double.isNaN(factored) || Math.abs(c / factored - 1) > refactor)) {
                    system.factor(c);
                    factored = c;
                }
                newton = solve(predicted, c, psi, scale);
                if (newton == null && functional) {
                    functional = false; // the flow has turned stiff: Newton from here on, at the same step
                    if (!linearize(predicted)) {
                        break;
                    }
                    currentJacobian = true;
                    factored = Double.NaN;
                    continue;
                }
                if (newton == null) {
                    far = !currentJacobian && !shortened && predictorError() > FAR_PREDICTOR;
                    if (currentJacobian || far) {
                        break;
                    }
                    currentJacobian = true;
                    if (!linearize(predicted)) {
                        break;
                    }
                    factored = Double.NaN;
                }
            }
            if (newton == null) {
                counters.rejectedSteps++;
                shortened |= far;
                h = rescale(h, far ? Math.max(MIN_FACTOR, 0.9 * Math.pow(predictorError(), -1.0 / (order + 1))) : 0.5);
                continue;
            }
            errorScale(newton.y, scale);
            double errorNorm = rms(newton.correction, ERROR_CONSTANT[order], scale);
            if (errorNorm > 1) {
                counters.rejectedSteps++;
                double safety = safety(newton.iterations);
                h = rescale(h, Math.max(MIN_FACTOR, safety * Math.pow(errorNorm, -1.0 / (order + 1))));
                continue;
            }
            accept(h, bound, newton, errorNorm, scale);
            return;
        }
    }

    private void accept(double h, double bound, NewtonResult newton, double errorNorm, double[] scale) {
        r = r + h > bound ? bound : r + h;
        stepSize = h;
        equalSteps++;
        counters.steps++;
        double[] d = newton.correction;
        for (int i = 0; i < n; i++) {
            differences[order + 2][i] = d[i] - differences[order + 1][i];
            differences[order + 1][i] = d[i];
        }
        for (int k = order; k >= 0; k--) {
            for (int i = 0; i < n; i++) {
                differences[k][i] += differences[k + 1][i];
            }
        }
        if (equalSteps >= order + 1) {
            double lower = order > 1 ? rms(differences[order], ERROR_CONSTANT[order - 1], scale) : Double.POSITIVE_INFINITY;
            double higher = order < MAX_ORDER ? rms(differences[order + 2], ERROR_CONSTANT[order + 1], scale)
                    : Double.POSITIVE_INFINITY;
            double[] factors = {
                Math.pow(lower, -1.0 / order),
                Math.pow(errorNorm, -1.0 / (order + 1)),
                Math.pow(higher, -1.0 / (order + 2)) };
            int best = 0;
            for (int k = 1; k < 3; k++) {
                if (factors[k] > factors[best]) {
                    best = k;
                }
            }
            order += best - 1;
            double factor = Math.min(MAX_FACTOR, safety(newton.iterations) * factors[best]);
            stepSize = rescale(stepSize, Math.min(factor, MAX_STEP / stepSize));
        }
        listener.accepted(r);
    }

    /** The error test's estimate for the last solve, had Newton converged: close to its first increment. */
    private double predictorError() {
        return ERROR_CONSTANT[order] * firstIncrement;
    }

    private boolean linearize(double[] y) {
        if (!system.linearize(y)) {
            return false;
        }
        accelerated = system.linearizationCost() > COSTLY_JACOBIAN;
        return true;
    }

    private int maxIterations() {
        return accelerated ? ACCELERATED_MAX_ITERATIONS : NEWTON_MAX_ITERATIONS;
    }

    private double safety(int iterations) {
        return 0.9 * (2 * maxIterations() + 1) / (2 * maxIterations() + iterations);
    }

    /** Changes the step size by {@code factor}, re-expressing the differences on the new grid. */
    private double rescale(double h, double factor) {
        double[][] transform = multiply(spacingMatrix(order, factor), spacingMatrix(order, 1.0));
        double[][] updated = new double[order + 1][n];
        for (int j = 0; j <= order; j++) {
            for (int k = 0; k <= order; k++) {
                double weight = transform[k][j];
                if (weight != 0.0) {
                    double[] source = differences[k];
                    double[] target = updated[j];
                    for (int i = 0; i < n; i++) {
                        target[i] += weight * source[i];
                    }
                }
            }
        }
        for (int j = 0; j <= order; j++) {
            differences[j] = updated[j];
        }
        equalSteps = 0;
        return h * factor;
    }

    /** R(i, j) = Πₗ₌₁..ᵢ (l − 1 − factor·j)/l, with R(0, j) = 1 and R(i, 0) = 0 for i ≥ 1. */
    private static double[][] spacingMatrix(int order, double factor) {
        double[][] matrix = new double[order + 1][order + 1];
        java.util.Arrays.fill(matrix[0], 1.0);
        for (int i = 1; i <= order; i++) {
            for (int j = 1; j <= order; j++) {
                matrix[i][j] = matrix[i - 1][j] * (i - 1 - factor * j) / i;
            }
        }
        return matrix;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] product = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < m; j++) {
                    product[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return product;
    }

    private record NewtonResult(double[] y, double[] correction, int iterations) {
    }

    /**
     * Solves y = predicted + d, c·f(y) − ψ − d = 0 by simplified Newton, when {@link #accelerated} its iterations
     * after the first accelerated ({@link Acceleration}), or by functional iteration while {@link #functional};
     * null when it does not converge.
     */
    private NewtonResult solve(double[] predicted, double c, double[] psi, double[] scale) {
        double[] y = predicted.clone();
        double[] d = new double[n];
        double[] f = new double[n];
        double[] dy = new double[n];
        Acceleration acceleration = accelerated ? new Acceleration(n, scale) : null;
        int maxIterations = maxIterations();
        double previousNorm = Double.NaN;
        firstIncrement = Double.NaN;
        for (int k = 0; k < maxIterations; k++) {
            if (!flow.derivative(y, f)) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                dy[i] = c * f[i] - psi[i] - d[i];
            }
            if (!functional && !system.solve(dy, scale)) {
                return null;
            }
            double norm = rms(dy, 1.0, scale);
            if (k == 0) {
                firstIncrement = norm;
            }
            if (!Double.isFinite(norm)) {
                return null;
            }
            double rate = k == 0 ? Double.NaN : norm / previousNorm;
            // Accelerated, whether the iterations left can converge is judged from the first accelerated one on: the
            // first rate is that of plain simplified Newton, which at 0.5–0.65 would give up on solves it saves.
            if (k > 0 && (rate >= 1 || (acceleration == null || k > 1)
                    && Math.pow(rate, maxIterations - k) / (1 - rate) * norm > newtonTolerance)) {
                return Math.max(norm, previousNorm) <= ROUNDING_NOISE ? new NewtonResult(y, d, k + 1) : null;
            }
            if (acceleration != null) {
                acceleration.step(d, dy);
            }
            for (int i = 0; i < n; i++) {
                y[i] += dy[i];
                d[i] += dy[i];
            }
            if (norm == 0 || k > 0 && rate / (1 - rate) * norm < newtonTolerance) {
                return new NewtonResult(y, d, k + 1);
            }
            previousNorm = norm;
        }
        return null;
    }

    /**
     * The size of an acceptable error in each component at y: the core's as its formulation weighs them
     * ({@link ReparametrizedFlow#coreErrorScale}), Δ's relative to itself. z = t·L serves only log t = log z + u,
     * reported to the relative tolerance: its error counts relative to z·|log t|. Late in a flow z relaxes towards
     * 1/(du/dτ), and so inherits the rounding noise of du/dτ; no step can make z more accurate than that, so the
     * scale is kept wide enough for the noise to stay below {@link #ROUNDING_NOISE}.
     */
    private void errorScale(double[] y, double[] scale) {
        flow.coreErrorScale(y, relative, absolute, scale);
        for (int i = flow.core; i < n; i++) {
            scale[i] = absolute + relative * Math.abs(y[i]);
        }
        int time = flow.timeIndex();
        double z = Math.abs(y[time]);
        double logTimeScale = z > 0 ? relative * Math.max(1.0, Math.abs(flow.logTime(y))) : 0.0;
        scale[time] = absolute + z * Math.max(logTimeScale, flow.rateNoise() / ROUNDING_NOISE);
    }

    /** Root mean square of factor·v/scale. */
    private static double rms(double[] v, double factor, double[] scale) {
        double sum = 0.0;
        for (int i = 0; i < v.length; i++) {
            double x = factor * v[i] / scale[i];
            sum += x * x;
        }
        return Math.sqrt(sum / v.length);
    }
}
