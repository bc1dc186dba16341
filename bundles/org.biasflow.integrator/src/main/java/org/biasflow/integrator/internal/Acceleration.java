package org.biasflow.integrator.internal;

/**
 * Anderson acceleration (type II, Walker and Ni 2011) of the simplified Newton iteration x ← x + r(x) of an implicit
 * step, r(x) the Newton increment with the factored matrix: each increment is replaced by the combination of the
 * last {@value #DEPTH} that makes the linearized increment smallest in the error scale's norm. On a linear problem
 * this is GMRES on the system preconditioned by the factored matrix, so an iteration whose Jacobian has aged, and
 * contracts by 0.3–0.5 an iteration instead of 0.05, still converges in the iterations allowed instead of failing
 * and forcing a new Jacobian.
 */
final class Acceleration {
    private static final int DEPTH = 3;
    /**
     * A change of the increment whose part not along the newer changes is below this fraction of its size adds
     * nothing the newer ones do not, but rounding: it is left out of the combination.
     */
    private static final double DEPENDENT = 1e-8;

    private final int n;
    private final double[] weight;
    /** Changes of the increment between iterations, weighted by 1/scale, newest last. */
    private final double[][] incrementChanges = new double[DEPTH][];
    /** Changes of x + r between iterations, as stored in {@link #incrementChanges}. */
    private final double[][] imageChanges = new double[DEPTH][];
    private int stored;
    private double[] lastIterate;
    private double[] lastIncrement;

    Acceleration(int n, double[] scale) {
        this.n = n;
        weight = new double[n];
        for (int i = 0; i < n; i++) {
            weight[i] = 1.0 / scale[i];
        }
    }

    /**
     * Overwrites {@code increment}, r(x) at {@code iterate}, with the accelerated one: x plus it is the next iterate.
     * The first call leaves it as it is.
     */
    void step(double[] iterate, double[] increment) {
        if (lastIncrement != null) {
            double[] incrementChange = new double[n];
            double[] imageChange = new double[n];
            for (int i = 0; i < n; i++) {
                double change = increment[i] - lastIncrement[i];
                incrementChange[i] = change * weight[i];
                imageChange[i] = iterate[i] - lastIterate[i] + change;
            }
            if (stored == DEPTH) {
                System.arraycopy(incrementChanges, 1, incrementChanges, 0, DEPTH - 1);
                System.arraycopy(imageChanges, 1, imageChanges, 0, DEPTH - 1);
                stored--;
            }
            incrementChanges[stored] = incrementChange;
            imageChanges[stored] = imageChange;
            stored++;
        }
        lastIterate = iterate.clone();
        lastIncrement = increment.clone();
        if (stored > 0) {
            combine(increment);
        }
    }

    /**
     * γ minimizing ‖W(r − ΔR·γ)‖ by modified Gram–Schmidt over the changes, newest first, then r − ΔG·γ.
     */
    private void combine(double[] increment) {
        double[][] basis = new double[stored][];
        double[][] triangle = new double[stored][stored];
        int[] kept = new int[stored];
        int rank = 0;
        for (int j = stored - 1; j >= 0; j--) {
            double[] column = incrementChanges[j].clone();
            double size = norm(column);
            double[] coefficients = triangle[rank];
            for (int q = 0; q < rank; q++) {
                coefficients[q] = dot(basis[q], column);
                for (int i = 0; i < n; i++) {
                    column[i] -= coefficients[q] * basis[q][i];
                }
            }
            double remaining = norm(column);
            if (!(remaining > DEPENDENT * size)) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                column[i] /= remaining;
            }
            coefficients[rank] = remaining;
            basis[rank] = column;
            kept[rank] = j;
            rank++;
        }
        if (rank == 0) {
            return;
        }
        double[] projection = new double[rank];
        for (int q = 0; q < rank; q++) {
            double sum = 0.0;
            double[] b = basis[q];
            for (int i = 0; i < n; i++) {
                sum += b[i] * increment[i] * weight[i];
            }
            projection[q] = sum;
        }
        // triangle[q] holds column q's coefficients on the basis vectors 0..q: solve it, transposed, backwards
        double[] gamma = new double[rank];
        for (int q = rank - 1; q >= 0; q--) {
            double sum = projection[q];
            for (int l = q + 1; l < rank; l++) {
                sum -= triangle[l][q] * gamma[l];
            }
            gamma[q] = sum / triangle[q][q];
        }
        for (int q = 0; q < rank; q++) {
            double[] change = imageChanges[kept[q]];
            double g = gamma[q];
            for (int i = 0; i < n; i++) {
                increment[i] -= g * change[i];
            }
        }
    }

    private double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }
}
