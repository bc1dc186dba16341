package org.biasflow.analyzer;

import java.util.Locale;

/** The norms whose max-margin predictors bound the regimes: ℓ1 (rich) and ℓ2 (kernel). */
public enum Norm {
    L1, L2;

    /**
     * @throws IllegalArgumentException for anything but {@code l1} or {@code l2} (in any case)
     */
    public static Norm parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "l1" -> L1;
            case "l2" -> L2;
            default -> throw new IllegalArgumentException("norm '" + text + "' is not l1 or l2");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
