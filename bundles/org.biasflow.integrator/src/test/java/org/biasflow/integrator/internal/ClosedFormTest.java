package org.biasflow.integrator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.biasflow.api.Checkpoint;
import org.biasflow.api.DataSet;
import org.biasflow.api.Trajectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Orthogonal data (one point being the simplest case) decouple the flow: with the exponential loss each dual
 * variable solves dνₙ/dt = exp(−hₙ(νₙ)), hₙ(v) = ⟨x̃ₙ, f(x̃ₙv)⟩, so t = ∫₀^νₙ exp(hₙ(v)) dv. The reference inverts
 * that integral, computed by Gauss–Legendre quadrature in the log domain, independently of any integrator.
 * Tolerance: β and the recorded ν within 1e-8 relative, log10 t within 1e-8·max(1, |log10 t|), with the
 * integrator at rtol 1e-10.
 */
class ClosedFormTest {
    private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendreHighPrecision(20);
    private static final double[][] ONE_POINT = {{1.0, -0.5, 0.3}};
    private static final double[][] ORTHOGONAL = {
        {1.0, 0.5, 0.0, 0.0, 0.0},
        {0.0, 0.0, 0.8, 0.0, 0.0},
        {0.0, 0.0, 0.0, -0.6, 1.2}};

    @ParameterizedTest(name = "D={0} alpha={1} orthogonal={2}")
    @CsvSource({"2, 1.0, false", "2, 1.0, true", "2, 0.1, true", "3, 1.0, false", "3, 0.5, true", "2, 1000.0, true",
        "3, 1000.0, false"})
    void bdfFollowsTheClosedFormTrajectory(int depth, double alpha, boolean orthogonal) {
        double[][] rows = orthogonal ? ORTHOGONAL : ONE_POINT;
        DataSet data = Runs.data(rows);
        Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(data,
                Runs.diagonal(depth, alpha, rows[0].length), Runs.targets("0.5", "1e-10", "1e-100", "1e-10000")));
        assertEquals(Trajectory.Status.COMPLETED, run.trajectory.status(), run.trajectory.message());
        Reference reference = new Reference(rows, depth, alpha);
        assertEquals(run.checkpoints.size(), run.duals.size(), "ν is recorded at every checkpoint");
        for (int k = 0; k < run.checkpoints.size(); k++) {
            Checkpoint checkpoint = run.checkpoints.get(k);
            double logLoss = checkpoint.log10Loss() * Math.log(10.0);
            assertEquals(checkpoint.target().log10(), checkpoint.log10Loss(), 1e-9 * Math.abs(checkpoint.target().log10()));
            double logTime = reference.logTimeAtLoss(logLoss);
            double[] beta = reference.beta(logTime);
            assertTrue(Runs.relativeDistance(checkpoint.beta(), beta) < 1e-8, () -> checkpoint.target().text()
                    + ": beta off by " + Runs.relativeDistance(checkpoint.beta(), beta));
            double log10Time = logTime / Math.log(10.0);
            assertEquals(log10Time, checkpoint.log10Time(), 1e-8 * Math.max(1.0, Math.abs(log10Time)),
                    checkpoint.target().text());
            for (int n = 0; n < rows.length; n++) {
                double nu = reference.dual(rows[n], logTime);
                assertEquals(nu, run.duals.get(k)[n], 1e-8 * nu, checkpoint.target().text() + ": ν of point " + n);
            }
        }
    }

    /**
     * A hundred orthogonal points in a thousand features, each on ten of its own: the size from which the Newton
     * iterations are accelerated ({@link BdfStepper#COSTLY_JACOBIAN}), which the small cases above never are. The
     * points repeat four patterns, so the reference follows four: each pattern's 25 copies move alike, and the loss
     * is 25 times that of the four.
     */
    @ParameterizedTest(name = "D={0} alpha={1}")
    @CsvSource({"2, 1.0", "2, 10.0", "3, 0.5"})
    void acceleratedNewtonIterationsFollowTheClosedFormTrajectory(int depth, double alpha) {
        int patterns = 4;
        int copies = 25;
        int block = 10;
        double[][] compact = new double[patterns][patterns * block];
        java.util.Random random = new java.util.Random(11);
        for (int p = 0; p < patterns; p++) {
            for (int i = 0; i < block; i++) {
                compact[p][p * block + i] = 0.2 + random.nextDouble();
            }
        }
        int points = patterns * copies;
        double[][] rows = new double[points][points * block];
        for (int n = 0; n < points; n++) {
            int p = n % patterns;
            System.arraycopy(compact[p], p * block, rows[n], n * block, block);
        }
        Runs.Recorder run = new Runs.Recorder().run(new BdfIntegrator(), Runs.problem(Runs.data(rows),
                Runs.diagonal(depth, alpha, points * block), Runs.targets("1e-10", "1e-1000")));
        assertEquals(Trajectory.Status.COMPLETED, run.trajectory.status(), run.trajectory.message());
        Reference reference = new Reference(compact, depth, alpha);
        for (Checkpoint checkpoint : run.checkpoints) {
            double logTime = reference.logTimeAtLoss(checkpoint.log10Loss() * Math.log(10.0) - Math.log(copies));
            double[] compactBeta = reference.beta(logTime);
            double[] beta = new double[points * block];
            for (int n = 0; n < points; n++) {
                System.arraycopy(compactBeta, (n % patterns) * block, beta, n * block, block);
            }
            assertTrue(Runs.relativeDistance(checkpoint.beta(), beta) < 1e-8, () -> checkpoint.target().text()
                    + ": beta off by " + Runs.relativeDistance(checkpoint.beta(), beta));
        }
    }

    /** The decoupled trajectory of orthogonal rows. */
    private static final class Reference {
        private final double[][] rows;
        private final int depth;
        private final double alpha;

        Reference(double[][] rows, int depth, double alpha) {
            this.rows = rows;
            this.depth = depth;
            this.alpha = alpha;
        }

        /** βᵢ = f(sᵢ), written out independently of the model bundle. */
        double predictor(double s) {
            if (depth == 2) {
                return 2 * alpha * alpha * Math.sinh(4 * s);
            }
            double a = Math.pow(alpha, 2 - depth);
            double c = depth * (depth - 2.0);
            double k = depth / (depth - 2.0);
            // a^{−k}[(1 − x)^{−k} − (1 + x)^{−k}] with x = cs/a, as e^B·expm1(A − B) so that small x does not cancel
            double x = c * s / a;
            double plus = -k * Math.log1p(-x);
            double minus = -k * Math.log1p(x);
            return Math.pow(a, -k) * Math.exp(minus) * Math.expm1(plus - minus);
        }

        /** The largest νₙ before some coordinate of row n leaves the predictor's domain. */
        double limit(double[] row) {
            if (depth == 2) {
                return 50.0;
            }
            double largest = 0.0;
            for (double x : row) {
                largest = Math.max(largest, Math.abs(x));
            }
            return Math.pow(alpha, 2 - depth) / (depth * (depth - 2.0) * largest);
        }

        double margin(double[] row, double v) {
            double m = 0.0;
            for (double x : row) {
                if (x != 0.0) {
                    m += x * predictor(x * v);
                }
            }
            return m;
        }

        /** log ∫₀^ν exp(h(v)) dv = h(ν) + log ∫₀^ν exp(h(ν−x) − h(ν)) dx on panels doubling away from x = 0. */
        double logTime(double[] row, double nu) {
            double top = margin(row, nu);
            double slope = (margin(row, nu) - margin(row, nu * (1 - 1e-7))) / (nu * 1e-7);
            double width = Math.min(nu, 0.05 / Math.max(slope, 1e-300));
            DoubleUnaryOperator integrand = x -> Math.exp(margin(row, nu - x) - top);
            double sum = 0.0;
            double lower = 0.0;
            double upper = width;
            // the integrand decreases from 1: panels beyond where it drops below 1e-20 add nothing
            while (lower < nu && integrand.applyAsDouble(lower) > 1e-20) {
                double half = 0.5 * (Math.min(upper, nu) - lower);
                for (int i = 0; i < RULE.getNumberOfPoints(); i++) {
                    sum += half * RULE.getWeight(i) * integrand.applyAsDouble(lower + half * (1 + RULE.getPoint(i)));
                }
                lower = upper;
                upper *= 2;
            }
            return top + Math.log(sum);
        }

        /** νₙ(t): Newton on the increasing log-time integral G, G' = exp(h − G), kept inside a bracket. */
        double dual(double[] row, double logTime) {
            double low = 0.0;
            double high = limit(row) * (1 - 1e-15);
            double nu = 0.5 * high;
            for (int i = 0; i < 200; i++) {
                double value = logTime(row, nu);
                if (value < logTime) {
                    low = nu;
                } else {
                    high = nu;
                }
                double next = nu - (value - logTime) / Math.exp(margin(row, nu) - value);
                if (!(next > low && next < high)) {
                    next = 0.5 * (low + high);
                }
                if (Math.abs(next - nu) <= 1e-16 * nu) {
                    return next;
                }
                nu = next;
            }
            return nu;
        }

        double logLoss(double logTime) {
            double largest = Double.NEGATIVE_INFINITY;
            double[] terms = new double[rows.length];
            for (int n = 0; n < rows.length; n++) {
                terms[n] = -margin(rows[n], dual(rows[n], logTime));
                largest = Math.max(largest, terms[n]);
            }
            double sum = 0.0;
            for (double term : terms) {
                sum += Math.exp(term - largest);
            }
            return largest + Math.log(sum);
        }

        double logTimeAtLoss(double logLoss) {
            double low = -60.0;
            double high = 10 * Math.abs(logLoss) + 60.0;
            for (int i = 0; i < 200 && high - low > 1e-15 * Math.abs(high); i++) {
                double middle = 0.5 * (low + high);
                if (logLoss(middle) > logLoss) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            return 0.5 * (low + high);
        }

        double[] beta(double logTime) {
            double[] beta = new double[rows[0].length];
            for (double[] row : rows) {
                double nu = dual(row, logTime);
                for (int i = 0; i < row.length; i++) {
                    if (row[i] != 0.0) {
                        beta[i] = predictor(row[i] * nu);
                    }
                }
            }
            return beta;
        }
    }
}
