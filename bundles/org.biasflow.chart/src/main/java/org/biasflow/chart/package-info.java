/**
 * Charts for biasflow reports: {@link org.biasflow.chart.LineChart line and scatter charts} and
 * {@link org.biasflow.chart.HeatMap heat maps}, described by plain values and written as PNG and SVG by
 * {@link org.biasflow.chart.ChartFiles}.
 *
 * <p>No chart library type appears here: the drawing library is embedded in this bundle and can change without
 * touching callers.
 */
@Export
@Version("1.0.0")
package org.biasflow.chart;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
