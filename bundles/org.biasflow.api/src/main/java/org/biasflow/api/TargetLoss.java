package org.biasflow.api;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A training loss ε to stop at, held as log10 ε so that values such as {@code 1e-1000000}, far below the
 * smallest double, are exact as written.
 *
 * @param text the value as the user wrote it
 * @param log10 log10 ε
 */
public record TargetLoss(String text, double log10) implements Comparable<TargetLoss> {

    /**
     * Reads a positive decimal such as {@code 0.5}, {@code 1e-10} or {@code 2.5e-300000} without ever forming
     * it as a double.
     *
     * @throws IllegalArgumentException when the text is not a positive decimal number
     */
    public static TargetLoss parse(String text) {
        String trimmed = text.trim();
        BigDecimal value;
        try {
            value = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            return parseWithLongExponent(text, trimmed);
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("target loss '" + text + "' must be positive");
        }
        // value = unscaled · 10^(−scale), and the unscaled digits fit a double's exponent range after trimming.
        BigDecimal stripped = value.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int kept = Math.min(digits.length(), 17);
        double mantissa = Double.parseDouble(digits.substring(0, kept));
        double log10 = Math.log10(mantissa) + (digits.length() - kept) - stripped.scale();
        return new TargetLoss(trimmed, log10);
    }

    /**
     * A decimal whose exponent is beyond what {@link BigDecimal} holds (an int), as in {@code 1e-99999999999}: its
     * log10 is still a double, as long as the exponent is a whole number a double holds exactly.
     */
    private static TargetLoss parseWithLongExponent(String text, String trimmed) {
        Matcher matcher = LONG_EXPONENT.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("target loss '" + text + "' is not a decimal number");
        }
        double exponent;
        try {
            exponent = Long.parseLong(matcher.group(2));
        } catch (NumberFormatException e) {
            exponent = Double.POSITIVE_INFINITY;
        }
        if (Math.abs(exponent) > LARGEST_EXACT_EXPONENT) {
            throw new IllegalArgumentException("target loss '" + text + "': its exponent is beyond +-"
                    + (long) LARGEST_EXACT_EXPONENT + ", where log10 of the loss is no longer exact");
        }
        TargetLoss mantissa = parse(matcher.group(1));
        return new TargetLoss(trimmed, mantissa.log10() + exponent);
    }

    private static final Pattern LONG_EXPONENT = Pattern.compile("([+]?(?:\\d+\\.?\\d*|\\.\\d+))[eE]([+-]?\\d+)");
    /** 2^53: every whole number up to it is a double. */
    private static final double LARGEST_EXACT_EXPONENT = 9007199254740992.0;

    /** The target given directly as log10 ε. */
    public static TargetLoss ofLog10(double log10) {
        if (!Double.isFinite(log10)) {
            throw new IllegalArgumentException("log10 of a target loss must be finite, got " + log10);
        }
        double exponent = Math.floor(log10);
        double mantissa = Math.pow(10, log10 - exponent);
        String digits = mantissa == 1 ? "1" : Double.toString(mantissa);
        return new TargetLoss(digits + "e" + (long) exponent, log10);
    }

    /**
     * ε as reports and commands write a level: log10 ε to a tenth, without a trailing ".0" ("1e-45.3", "1e-100000").
     * A checkpoint asked at 1e-100000 reaches log10 ε = −100000.0000012, and reads as the level it was asked at.
     */
    public static String levelText(double log10) {
        String tenths = String.format(java.util.Locale.ROOT, "%.1f", log10);
        if (tenths.endsWith(".0")) {
            tenths = tenths.substring(0, tenths.length() - 2);
        }
        return "1e" + (tenths.equals("-0") ? "0" : tenths);
    }

    /** −ln ε, the value of u = −log L at which the target is reached. */
    public double negativeLog() {
        return -log10 * Math.log(10.0);
    }

    /** Larger losses first: the order in which gradient flow reaches targets. */
    @Override
    public int compareTo(TargetLoss other) {
        return Double.compare(other.log10, log10);
    }
}
