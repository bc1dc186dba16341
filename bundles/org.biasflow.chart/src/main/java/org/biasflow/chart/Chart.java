package org.biasflow.chart;

/** A chart that {@link ChartFiles} can draw. */
public sealed interface Chart permits LineChart, HeatMap {
    String title();
}
