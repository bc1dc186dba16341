package org.biasflow.analyzer.internal;

import org.biasflow.analyzer.MaxMargin;
import org.biasflow.analyzer.Prediction;
import org.biasflow.api.DataSet;

/**
 * The solvers' view of the data, rescaled when its entries are far from order one. The margin problems are
 * scale-equivariant: for data f·X̃ the ℓ1 and ℓ2 max-margin predictors are β/f, and the Q_μ minimizer at μ/f is
 * β/f. The solvers' thresholds (duality gaps, dual bounds, Cholesky shifts) are set for entries of order one, and
 * data such as nanosecond timestamps (1e18) overflow their Gram products and made the interior point's
 * regularization retry forever. So data whose largest |x̃| lies outside [{@value #SMALLEST_UNSCALED},
 * {@value #LARGEST_UNSCALED}] are multiplied by the power of two that brings it into [1, 2) — exact in binary —
 * and the answers are mapped back. Data inside that range are solved as they are, bit for bit.
 */
final class DataScale {
    static final double LARGEST_UNSCALED = 1024;
    static final double SMALLEST_UNSCALED = 1.0 / 1024;

    /**
     * Features whose largest magnitudes differ by more than this make the ℓ1 problem's solution span the same ratio,
     * beyond what the solvers' tolerances resolve: a failure on such data is explained by it.
     */
    static final double RESOLVABLE_SPREAD = 1e12;

    /** The factor f the solvers' data were multiplied by (1 when not rescaled). */
    final double factor;
    /** f·X̃. */
    final SignedData data;

    private DataScale(double factor, SignedData data) {
        this.factor = factor;
        this.data = data;
    }

    static DataScale of(DataSet data) {
        SignedData signed = new SignedData(data);
        double largest = signed.largestEntry();
        if (largest == 0) {
            throw new IllegalArgumentException(data.source() + ": every feature of every point is 0, so no"
                    + " predictor separates the data");
        }
        if (largest >= SMALLEST_UNSCALED && largest <= LARGEST_UNSCALED) {
            return new DataScale(1, signed);
        }
        double factor = Math.scalb(1.0, -Math.getExponent(largest));
        return new DataScale(factor, signed.scaled(factor));
    }

    /**
     * The reason a solver failed on these data when their features' magnitudes differ beyond
     * {@link #RESOLVABLE_SPREAD}, appended to {@code failure}; the failure itself otherwise.
     */
    IllegalArgumentException explain(IllegalArgumentException failure, String source) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        int smallestFeature = 0;
        int largestFeature = 0;
        for (int i = 0; i < data.dimension; i++) {
            double magnitude = 0;
            for (int n = 0; n < data.size; n++) {
                magnitude = Math.max(magnitude, Math.abs(data.entry(n, i)));
            }
            if (magnitude > 0 && magnitude < smallest) {
                smallest = magnitude;
                smallestFeature = i + 1;
            }
            if (magnitude > largest) {
                largest = magnitude;
                largestFeature = i + 1;
            }
        }
        if (!(largest > RESOLVABLE_SPREAD * smallest)) {
            return failure;
        }
        return new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: the max-margin solvers cannot"
                + " resolve these data: the features' magnitudes span %.3g (x%d) to %.3g (x%d), a ratio of %.1e,"
                + " beyond the %.0e they resolve; standardize the features (divide each by its largest magnitude)"
                + " and try again (the solver said: %s)", source, smallest / factor, smallestFeature,
                largest / factor, largestFeature, largest / smallest, RESOLVABLE_SPREAD, failure.getMessage()),
                failure);
    }

    boolean rescaled() {
        return factor != 1;
    }

    /** The max-margin predictor of X̃ from that of f·X̃: β = fβ', λ = fλ' (ℓ1) or f²λ' (ℓ2, where β = X̃ᵀλ). */
    MaxMargin unscale(MaxMargin solved) {
        if (!rescaled()) {
            return solved;
        }
        double dualFactor = solved.norm() == org.biasflow.analyzer.Norm.L1 ? factor : factor * factor;
        requireRepresentable(solved.beta(), "the " + solved.norm().label() + " max-margin predictor");
        return new MaxMargin(solved.norm(), Vectors.scaled(solved.beta(), factor),
                Vectors.scaled(solved.dual(), dualFactor), solved.maxMargin() / factor, solved.certificate(),
                solved.unique());
    }

    /** μ for the solvers' data: Q_{μ/f}(β') = Q_μ(fβ')/f. */
    double scaledMu(double mu) {
        return mu / factor;
    }

    /** The dual λ' of the solvers' data from λ of X̃ (β = μh(X̃ᵀλ) = μh((fX̃)ᵀλ/f)). */
    double[] scaledDual(double[] dual) {
        return rescaled() ? Vectors.scaled(dual, 1 / factor) : dual;
    }

    /** The Q_μ minimizer of X̃ from that of f·X̃ at μ/f. */
    Prediction unscale(Prediction solved, double mu) {
        if (!rescaled()) {
            return solved;
        }
        requireRepresentable(solved.beta(), "the Q_mu minimizer");
        return new Prediction(mu, solved.depth(), Vectors.scaled(solved.beta(), factor),
                Vectors.scaled(solved.dual(), factor), solved.certificate());
    }

    /** Refuses an answer whose entries, mapped back to the data's scale, leave the double range. */
    private void requireRepresentable(double[] scaledBeta, String what) {
        double largest = Vectors.largest(scaledBeta) * factor;
        if (!Double.isFinite(largest)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s of data whose entries reach"
                    + " only %.3g has entries near 1e%.0f, beyond the double range: multiply the data by a constant"
                    + " (directions and margin ratios do not change)", what, data.largestEntry() / factor,
                    Math.log10(Vectors.largest(scaledBeta)) + Math.log10(factor)));
        }
    }
}
