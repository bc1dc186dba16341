package org.biasflow.analyzer;

import java.util.Locale;

/**
 * What proves an optimizer's answer optimal, measured on the full problem after the solve.
 *
 * @param primalInfeasibility max(0, 1 − minₙ ⟨x̃ₙ, β⟩): how far β is from satisfying the margin constraints
 * @param dualInfeasibility how far the dual variables λ are from dual feasibility (λ ≥ 0, and ‖X̃ᵀλ‖_∞ ≤ 1 for ℓ1)
 * @param dualityGap primal minus dual objective, relative to the primal objective's scale; zero at the optimum
 * @param tolerance the bound each of the three must meet for the certificate to pass
 */
public record Certificate(double primalInfeasibility, double dualInfeasibility, double dualityGap,
        double tolerance) {

    /** The bound the solvers of this bundle are held to. */
    public static final double DEFAULT_TOLERANCE = 1e-7;

    public boolean passed() {
        return primalInfeasibility <= tolerance && dualInfeasibility <= tolerance
                && Math.abs(dualityGap) <= tolerance;
    }

    /** One line for people, naming the failure when there is one. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (primal infeasibility %.2e, dual infeasibility %.2e, duality gap %.2e,"
                + " tolerance %.0e)", passed() ? "certified" : "CERTIFICATE FAILED", primalInfeasibility,
                dualInfeasibility, dualityGap, tolerance);
    }
}
