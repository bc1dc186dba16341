package org.biasflow.chart;

/** How an axis maps values to positions. */
public enum AxisScale {
    LINEAR,
    /** Equal distances for equal ratios, ticks at powers of ten; only positive values can be shown. */
    LOG10
}
