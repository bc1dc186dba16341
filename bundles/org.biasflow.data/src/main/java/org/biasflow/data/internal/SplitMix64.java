package org.biasflow.data.internal;

/**
 * Steele, Lea and Flood's SplitMix64 generator, with the transforms to uniform, exponential and Gaussian numbers
 * spelled out here and computed with {@link StrictMath}. Owning every step, rather than relying on a JDK
 * generator whose derived distributions may change between releases, keeps seeded data sets identical on every JVM
 * and reproducible outside Java.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform on [0, 1), a multiple of 2⁻⁵³. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /**
     * Uniform on {0, …, bound − 1} for a positive bound. The 2⁶⁴ mod bound smallest outputs are skipped so that the
     * rest divide evenly among the values.
     */
    public int nextInt(int bound) {
        long skipped = Long.remainderUnsigned(-(long) bound, bound);
        long bits;
        do {
            bits = nextLong();
        } while (Long.compareUnsigned(bits, skipped) < 0);
        return (int) Long.remainderUnsigned(bits, bound);
    }

    /** Exponential with rate 1. */
    public double nextExponential() {
        return -StrictMath.log(1 - nextDouble());
    }

    /** Standard Gaussian, by Marsaglia's polar method (one of each pair used). */
    public double nextGaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /**
     * Standard Gaussian conditioned on being at least {@code lower} ≥ 0, by Robert's (1995) exponential proposal,
     * which stays efficient however far out in the tail {@code lower} lies.
     */
    public double nextGaussianTail(double lower) {
        double rate = (lower + StrictMath.sqrt(lower * lower + 4)) / 2;
        while (true) {
            double z = lower + nextExponential() / rate;
            double excess = z - rate;
            if (nextDouble() <= StrictMath.exp(-excess * excess / 2)) {
                return z;
            }
        }
    }
}
