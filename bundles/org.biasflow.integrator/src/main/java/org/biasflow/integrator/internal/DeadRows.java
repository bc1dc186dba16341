package org.biasflow.integrator.internal;

import org.biasflow.linalg.RowMatrix;

/**
 * Rows of X̃ left out of the margin product m = X̃β while their loss weight provably stays zero. Late in a flow the
 * weights of most points have underflowed (pₙ below 10⁻³²⁴), so the products X̃ᵀp and X̃ᵀν skip their rows, yet
 * every evaluation still read all of X̃ for the margins.
 *
 * <p>The certificate: at a reference β̄, the last β at which every margin was computed, with margins m̄, any β is
 * tβ̄ + r with t = ⟨β, β̄⟩/‖β̄‖², so mₙ(β) ≥ t·m̄ₙ − ‖x̃ₙ‖‖r‖ (widened by the rounding of both products). A row whose
 * weight was zero at β̄ goes to the loss at that lower bound instead of its margin. A margin loss's weight and
 * curvature decrease with the margin, so zero there means zero at the margin itself; and the row's term in the
 * loss's normalizing sum is then below the rounding of its largest term, so the other points' weights and log L
 * come out bit for bit as if its margin had been computed. A row the loss gives a nonzero weight or curvature at
 * its bound gets its margin computed, and the loss is asked again.
 */
final class DeadRows {
    /** Relative widening of the bound's terms, far above their rounding. */
    private static final double WIDENING = 1e-12;

    private final RowMatrix features;
    private final int size;
    private final double[] rowNorms;
    /** A bound on the rounding of a product x̃ₙ·v relative to ‖x̃ₙ‖‖v‖. */
    private final double productRounding;
    private final double[] reference;
    private final double[] referenceMargins;
    private final boolean[] candidate;
    private final boolean[] skipped;
    private final int[] revived;
    private double referenceSquare;
    private boolean referenced;
    private boolean fullDue;
    private long skippedRows;

    DeadRows(RowMatrix features) {
        this.features = features;
        this.size = features.rows();
        rowNorms = new double[size];
        for (int n = 0; n < size; n++) {
            rowNorms[n] = Math.sqrt(features.squaredRowNorm(n)) * (1 + WIDENING);
        }
        productRounding = 4.0 * features.columns() * Math.ulp(1.0);
        reference = new double[features.columns()];
        referenceMargins = new double[size];
        candidate = new boolean[size];
        skipped = new boolean[size];
        revived = new int[size];
    }

    /**
     * Writes lower bounds of the margins at β into the rows it skips.
     *
     * @return which rows are skipped, or null when every margin is to be computed
     */
    boolean[] bound(double[] beta, double[] margins) {
        if (!referenced || fullDue || referenceSquare == 0.0) {
            return null;
        }
        double along = 0.0;
        double betaSquare = 0.0;
        for (int i = 0; i < beta.length; i++) {
            along += beta[i] * reference[i];
            betaSquare += beta[i] * beta[i];
        }
        double t = along / referenceSquare;
        double residualSquare = 0.0;
        for (int i = 0; i < beta.length; i++) {
            double r = beta[i] - t * reference[i];
            residualSquare += r * r;
        }
        double reach = Math.sqrt(residualSquare) * (1 + WIDENING)
                + productRounding * (Math.abs(t) * Math.sqrt(referenceSquare) + Math.sqrt(betaSquare));
        for (int n = 0; n < size; n++) {
            skipped[n] = candidate[n];
            if (candidate[n]) {
                double scaled = t * referenceMargins[n];
                margins[n] = scaled - rowNorms[n] * reach - WIDENING * Math.abs(scaled);
            }
        }
        return skipped;
    }

    /**
     * Computes the margins of skipped rows to which the loss gave a nonzero weight or curvature at their bound.
     *
     * @param curvature null when the loss was not asked for it
     * @return whether any row was revived, so that the loss must be evaluated again
     */
    boolean revive(double[] beta, double[] margins, double[] weights, double[] curvature) {
        int count = 0;
        for (int n = 0; n < size; n++) {
            if (skipped[n] && (weights[n] != 0.0 || curvature != null && curvature[n] != 0.0)) {
                skipped[n] = false;
                revived[count++] = n;
            }
        }
        if (count == 0) {
            return false;
        }
        // together, the rows share their loads of β: one at a time they took 2 % of a flow at N = 1000, d = 10000
        int[] rows = java.util.Arrays.copyOf(revived, count);
        double[] products = new double[count];
        features.multiplyRows(beta, rows, products);
        for (int a = 0; a < count; a++) {
            margins[rows[a]] = products[a];
        }
        return true;
    }

    /**
     * Takes note of an evaluation. One that computed every margin becomes the reference. After a partial one, the
     * next is made full when it computed many margins whose weight came out zero: rows that died since the
     * reference, or whose bound has grown too loose to certify them.
     *
     * @param full whether {@link #bound} skipped no row this evaluation (it returned null)
     */
    void settle(double[] beta, double[] margins, double[] weights, boolean full) {
        int needless = 0;
        boolean skippedAny = false;
        for (int n = 0; n < size; n++) {
            if (!full && skipped[n]) {
                skippedRows++;
                skippedAny = true;
            } else if (weights[n] == 0.0) {
                needless++;
            }
        }
        if (skippedAny) {
            fullDue = needless > Math.max(8, size / 16);
            return;
        }
        System.arraycopy(beta, 0, reference, 0, beta.length);
        System.arraycopy(margins, 0, referenceMargins, 0, size);
        double square = 0.0;
        for (double b : beta) {
            square += b * b;
        }
        referenceSquare = square;
        for (int n = 0; n < size; n++) {
            candidate[n] = weights[n] == 0.0;
        }
        referenced = true;
        fullDue = false;
    }

    /** Margin products skipped so far, over all evaluations. */
    long skippedRows() {
        return skippedRows;
    }
}
