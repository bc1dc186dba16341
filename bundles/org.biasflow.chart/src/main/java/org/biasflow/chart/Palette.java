package org.biasflow.chart;

/** The colours a {@link ColourScale} runs through from its lower to its upper bound. */
public enum Palette {
    /** Dark purple through green to yellow: for a quantity with a low and a high end, readable in grey too. */
    VIRIDIS,
    /** Blue through white to red: for a signed quantity, with white at the middle of the scale. */
    BLUE_WHITE_RED
}
