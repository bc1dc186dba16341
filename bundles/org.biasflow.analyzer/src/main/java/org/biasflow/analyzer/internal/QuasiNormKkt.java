package org.biasflow.analyzer.internal;

/**
 * How far β̂ (scaled to margin 1) is from a KKT point of the non-convex min ‖β‖_{2/D} s.t. X̃β ≥ 1, the limit of
 * gradient flow at fixed α for D &gt; 2. With p = 2/D, stationarity on the support reads p|βᵢ|^{p−1}sign βᵢ =
 * (X̃ᵀλ)ᵢ; multiplied by βᵢ it needs no support threshold: p|βᵢ|^p = βᵢ(X̃ᵀλ)ᵢ for every i. The residual is
 * min over λ ≥ 0 supported on the points within {@value #NEAR_ACTIVE} of the margin of
 * ‖p|β|^p − β⊙X̃ᵀλ‖₂ / ‖p|β|^p‖₂, a non-negative least-squares problem.
 */
final class QuasiNormKkt {
    static final double NEAR_ACTIVE = 0.01;

    private QuasiNormKkt() {
    }

    static double residual(SignedData data, double[] normalizedBeta, int depth) {
        double p = 2.0 / depth;
        double[] margins = data.margins(normalizedBeta);
        int[] active = java.util.stream.IntStream.range(0, data.size).filter(n -> margins[n] <= 1 + NEAR_ACTIVE)
                .toArray();
        SignedData rows = data.restrict(active);
        double[] target = new double[data.dimension];
        double[] squares = new double[data.dimension];
        for (int i = 0; i < target.length; i++) {
            target[i] = p * Math.pow(Math.abs(normalizedBeta[i]), p);
            squares[i] = normalizedBeta[i] * normalizedBeta[i];
        }
        double[] unitTarget = Vectors.scaled(target, 1 / Vectors.norm(target, 2));
        double[][] normal = rows.weightedGram(squares);
        double[] projected = rows.margins(multiply(normalizedBeta, unitTarget));
        // ½‖Mλ − b‖² with M = diag(β)X̃ᵀ is ½λᵀ(MᵀM)λ − (Mᵀb)ᵀλ plus a constant.
        BoundedNewton.Objective leastSquares = BoundedNewton.quadratic(normal, projected);
        double[] lambda = BoundedNewton.minimize(leastSquares, new double[active.length], 1e-12, 200).lambda();
        return Vectors.norm(misfit(rows, normalizedBeta, unitTarget, lambda), 2);
    }

    private static double[] misfit(SignedData rows, double[] beta, double[] target, double[] lambda) {
        double[] scores = rows.transposeTimes(lambda);
        double[] misfit = new double[beta.length];
        for (int i = 0; i < beta.length; i++) {
            misfit[i] = beta[i] * scores[i] - target[i];
        }
        return misfit;
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] product = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            product[i] = a[i] * b[i];
        }
        return product;
    }
}
