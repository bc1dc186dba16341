package org.biasflow.integrator.internal;

import org.biasflow.api.Trajectory;

/**
 * The independent variable ρ = φ(Δ) = asinh(u₀ + Δ) + ln(1 + Δ/κ) of the reparametrized flow, a function of the
 * loss gain Δ = u − u₀ (u = −log L, u₀ its initial value) alone, so that every target loss is a known value of ρ.
 *
 * <p>asinh(u) alone (about ln 2u late in the flow) keeps the number of steps per decade of log(1/ε) bounded. The
 * logarithm serves the saddle escape from a small initialization: there u barely moves while the state travels
 * far, Δ grows like a power or an exponential of τ, and a step in asinh(u) is a vanishing fraction of the escape;
 * ln Δ follows it in steps of bounded size. κ = du/dτ at the start sets where the logarithm takes over: after
 * about one unit of τ. Δ itself is integrated with the state, because u − u₀ from two values of log L would
 * cancel to noise while Δ is tiny.
 */
final class Clock {
    /** asinh(u), for the first evaluation, before u₀ and κ are known. */
    static final Clock ASINH = new Clock(0.0, Double.POSITIVE_INFINITY);

    private final double start;
    private final double scale;

    /** For a flow that starts at u₀ = {@code start} with du/dτ = {@code scale}. */
    Clock(double start, double scale) {
        this.start = start;
        this.scale = scale;
    }

    /** u₀. */
    double start() {
        return start;
    }

    /** φ(Δ). */
    double at(double gain) {
        return asinh(start + gain) + Math.log1p(gain / scale);
    }

    /** φ'(Δ) = dρ/du. */
    double slope(double gain) {
        return 1.0 / Math.hypot(1.0, start + gain) + 1.0 / (scale + gain);
    }

    /** φ''(Δ)/φ'(Δ). */
    double bendOverSlope(double gain) {
        double u = start + gain;
        double root = Math.hypot(1.0, u);
        double shifted = scale + gain;
        return (-u / (root * root * root) - 1.0 / (shifted * shifted)) / slope(gain);
    }

    /**
     * Iterations of the inversion: safeguarded Newton halves the bracket at worst, and a bracket of doubles closes
     * within about 2100 halvings; more means the bracket holds no root (a non-finite ρ or φ).
     */
    private static final int INVERSION_ITERATIONS = 2200;

    /** u = u₀ + φ⁻¹(ρ), by safeguarded Newton on the increasing function φ. */
    double loss(double rho) {
        if (!Double.isFinite(rho)) {
            throw new FlowStop(Trajectory.Status.FAILED, "the reparametrized time reached " + rho
                    + ", so the loss it stands for is unknown");
        }
        double low = 0.0;
        double high = 1.0;
        while (at(high) < rho && Double.isFinite(high)) {
            high *= 2;
        }
        double gain = 0.5 * high;
        for (int iteration = 0; high - low > 4 * Math.ulp(high); iteration++) {
            if (iteration == INVERSION_ITERATIONS || !Double.isFinite(gain)) {
                throw new FlowStop(Trajectory.Status.FAILED, "the loss at reparametrized time " + rho
                        + " could not be found (start u0 = " + start + ", rate " + scale + ")");
            }
            double value = at(gain) - rho;
            if (value == 0) {
                break;
            }
            if (value > 0) {
                high = gain;
            } else {
                low = gain;
            }
            double next = gain - value / slope(gain);
            gain = next > low && next < high ? next : 0.5 * (low + high);
        }
        return start + gain;
    }

    private static double asinh(double x) {
        return Math.copySign(Math.log(Math.abs(x) + Math.hypot(1.0, x)), x);
    }
}
