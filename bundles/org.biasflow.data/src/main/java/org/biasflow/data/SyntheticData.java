package org.biasflow.data;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.biasflow.api.DataSet;
import org.biasflow.data.internal.GeneratorSettings;
import org.biasflow.data.internal.GeneratorSettings.Setting;
import org.biasflow.data.internal.SplitMix64;

/**
 * Seeded synthetic data sets, strictly separable through the origin. The same arguments give the same data set,
 * bit for bit, on every JVM: the random numbers come from {@link SplitMix64} and every transcendental function from
 * {@link StrictMath}.
 */
public final class SyntheticData {
    /** The kind name of {@link #sparseTeacher}. */
    public static final String SPARSE_TEACHER = "sparse-teacher";
    /** The kind name of {@link #twoClusters}. */
    public static final String TWO_CLUSTERS = "two-clusters";

    private record Kind(List<Setting> settings, Function<GeneratorSettings, GeneratedData> generator) {
    }

    private static final Map<String, Kind> KINDS = new TreeMap<>(Map.of(
            SPARSE_TEACHER, new Kind(List.of(new Setting("n", null), new Setting("d", null), new Setting("sparsity", "1"),
                    new Setting("margin", "0"), new Setting("seed", "1")),
                    settings -> sparseTeacher(settings.wholeNumber("n"), settings.wholeNumber("d"),
                            settings.wholeNumber("sparsity"), settings.realNumber("margin"), settings.longNumber("seed"))),
            TWO_CLUSTERS, new Kind(List.of(new Setting("n", null), new Setting("d", null), new Setting("separation", "4"),
                    new Setting("spread", "1"), new Setting("seed", "1")),
                    settings -> twoClusters(settings.wholeNumber("n"), settings.wholeNumber("d"),
                            settings.realNumber("separation"), settings.realNumber("spread"), settings.longNumber("seed")))));

    private SyntheticData() {
    }

    /** The kind names {@link #generate} knows, in alphabetical order. */
    public static Set<String> kinds() {
        return Collections.unmodifiableSet(KINDS.keySet());
    }

    /** The settings of {@code kind} and their defaults, as in {@code n, d, sparsity (default 1), ...}. */
    public static String describeSettings(String kind) {
        return GeneratorSettings.describe(kind(kind).settings());
    }

    /**
     * The data set of the named kind with the given settings, written as text, as a shell command takes them:
     * {@value #SPARSE_TEACHER} takes n, d, sparsity, margin and seed, {@value #TWO_CLUSTERS} takes n, d, separation,
     * spread and seed; n and d must be given, the rest have defaults ({@link #describeSettings}).
     *
     * @throws IllegalArgumentException for an unknown kind or setting, a missing or malformed setting, or a value out
     *         of range; the message lists the known kinds or settings
     */
    public static GeneratedData generate(String kind, Map<String, String> settings) {
        Kind known = kind(kind);
        return known.generator().apply(new GeneratorSettings(kind, known.settings(), settings));
    }

    private static Kind kind(String kind) {
        Kind known = KINDS.get(kind);
        if (known == null) {
            throw new IllegalArgumentException("unknown data kind '" + kind + "'; the known kinds are "
                    + String.join(", ", KINDS.keySet()));
        }
        return known;
    }

    /**
     * n points xₙ with i.i.d. standard Gaussian entries in ℝᵈ, labelled yₙ = sign⟨β*, xₙ⟩ by a teacher β* that has
     * {@code sparsity} nonzero entries, each +1 or −1, on coordinates drawn uniformly at random.
     *
     * <p>Every point lies at distance at least {@code margin} from the teacher's hyperplane, that is
     * |⟨β*, xₙ⟩| ≥ margin·‖β*‖, and strictly off it even for margin 0. The points follow the Gaussian conditioned on
     * that, exactly as if points too close had been dropped and drawn again; they are drawn directly, the component
     * along β* from the Gaussian's tail, so a wide margin costs no more time than a narrow one.
     *
     * @param margin at least 0; 0 asks only for strict separability
     */
    public static GeneratedData sparseTeacher(int n, int d, int sparsity, double margin, long seed) {
        requireShape(n, d);
        if (sparsity < 1 || sparsity > d) {
            throw new IllegalArgumentException("sparsity must be between 1 and d = " + d + ", got " + sparsity);
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("margin must be a finite number of at least 0, got " + margin);
        }
        SplitMix64 random = new SplitMix64(seed);
        double[] teacher = new double[d];
        int[] coordinates = new int[d];
        for (int i = 0; i < d; i++) {
            coordinates[i] = i;
        }
        for (int k = 0; k < sparsity; k++) {
            int pick = k + random.nextInt(d - k);
            int coordinate = coordinates[pick];
            coordinates[pick] = coordinates[k];
            coordinates[k] = coordinate;
            teacher[coordinate] = random.nextBoolean() ? 1 : -1;
        }
        double teacherNorm = StrictMath.sqrt(sparsity);
        double[] direction = scaled(teacher, 1 / teacherNorm);
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int p = 0; p < n; p++) {
            double score;
            do {
                double[] point = gaussian(random, d);
                double along = (random.nextBoolean() ? 1 : -1) * random.nextGaussianTail(margin);
                double shift = along - dot(direction, point);
                for (int i = 0; i < d; i++) {
                    point[i] += shift * direction[i];
                }
                points[p] = point;
                score = dot(teacher, point);
                // Rounding can put a point a hair inside the margin; drawing it again keeps the promise exact.
            } while (score == 0 || Math.abs(score) < margin * teacherNorm);
            labels[p] = score > 0 ? 1 : -1;
        }
        String source = SPARSE_TEACHER + "(n=" + n + ", d=" + d + ", sparsity=" + sparsity + ", margin=" + margin
                + ", seed=" + seed + ")";
        return new GeneratedData(new DataSet(points, labels, source), direction);
    }

    /**
     * n points in two Gaussian clusters of standard deviation {@code spread} in every coordinate, centred at ±c
     * where c has length separation/2 along a random unit direction u; the points alternate between the cluster at
     * +c (label +1, first) and the one at −c (label −1). A point that falls on the wrong side of the hyperplane
     * through the origin orthogonal to u, which bisects the centres, is drawn again, so u separates the set strictly.
     *
     * @param separation the distance between the centres, more than 0
     * @param spread at least 0
     */
    public static GeneratedData twoClusters(int n, int d, double separation, double spread, long seed) {
        requireShape(n, d);
        if (!(separation > 0) || !Double.isFinite(separation)) {
            throw new IllegalArgumentException("separation must be a finite number above 0, got " + separation);
        }
        if (!(spread >= 0) || !Double.isFinite(spread)) {
            throw new IllegalArgumentException("spread must be a finite number of at least 0, got " + spread);
        }
        SplitMix64 random = new SplitMix64(seed);
        double[] axis;
        double axisNorm;
        do {
            axis = gaussian(random, d);
            axisNorm = StrictMath.sqrt(dot(axis, axis));
        } while (axisNorm == 0);
        double[] direction = scaled(axis, 1 / axisNorm);
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int p = 0; p < n; p++) {
            labels[p] = p % 2 == 0 ? 1 : -1;
            double[] center = scaled(direction, labels[p] * separation / 2);
            do {
                points[p] = gaussian(random, d);
                for (int i = 0; i < d; i++) {
                    points[p][i] = center[i] + spread * points[p][i];
                }
            } while (labels[p] * dot(direction, points[p]) <= 0);
        }
        String source = TWO_CLUSTERS + "(n=" + n + ", d=" + d + ", separation=" + separation + ", spread=" + spread
                + ", seed=" + seed + ")";
        return new GeneratedData(new DataSet(points, labels, source), direction);
    }

    private static void requireShape(int n, int d) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        if (d < 1) {
            throw new IllegalArgumentException("d must be at least 1, got " + d);
        }
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n × d = " + (long) n * d + " features are too many for one data set");
        }
        String tooLarge = org.biasflow.data.internal.DenseSize.problem(n, d);
        if (tooLarge != null) {
            throw new IllegalArgumentException("n = " + n + ", d = " + d + " makes " + tooLarge);
        }
    }

    private static double[] gaussian(SplitMix64 random, int d) {
        double[] vector = new double[d];
        for (int i = 0; i < d; i++) {
            vector[i] = random.nextGaussian();
        }
        return vector;
    }

    private static double[] scaled(double[] vector, double factor) {
        double[] result = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = factor * vector[i];
        }
        return result;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
