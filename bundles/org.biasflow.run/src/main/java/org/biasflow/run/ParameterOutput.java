package org.biasflow.run;

import java.util.Locale;

/** Whether a run writes the network's parameters w at each checkpoint to {@code parameters.csv}. */
public enum ParameterOutput {
    /** Written when the network has at most {@link #AUTOMATIC_LIMIT} parameters. */
    AUTO,
    /** Always written. */
    ALL,
    /** Never written. */
    NONE;

    /**
     * The largest parameter count written by default: at 10 000 parameters a row of {@code parameters.csv} is about
     * 250 kB, so a run's file stays within a few megabytes, while every diagonal network up to d = 5000 and the
     * example fully connected networks up to width 300 on d = 30 are written whole.
     */
    public static final int AUTOMATIC_LIMIT = 10_000;

    /** Reads {@code all}, {@code none} or {@code auto}, in any case. */
    public static ParameterOutput parse(String text) {
        for (ParameterOutput value : values()) {
            if (value.label().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("--parameters '" + text + "' is not one of all, none, auto");
    }

    /** Whether a network with that many parameters gets a {@code parameters.csv}. */
    public boolean writes(int parameterCount) {
        return this == ALL || this == AUTO && parameterCount <= AUTOMATIC_LIMIT;
    }

    /** The name on the command line and in run.json. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
