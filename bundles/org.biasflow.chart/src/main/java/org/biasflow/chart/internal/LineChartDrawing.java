package org.biasflow.chart.internal;

import java.awt.Color;
import java.awt.Font;

import org.biasflow.chart.AxisScale;
import org.biasflow.chart.LineChart;
import org.biasflow.chart.ReferenceLine;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;

final class LineChartDrawing {
    private static final Color REFERENCE_LINE = new Color(0x555555);
    /** Mostly opaque white, so that a curve passing under a label does not hide it. */
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 220);
    private static final Font REFERENCE_LABEL = new Font(Font.SANS_SERIF, Font.ITALIC, 12);
    /** Room left between the frame and a reference line that lies beyond the data. */
    private static final double MARGIN = 0.05;

    private LineChartDrawing() {
    }

    static JFreeChart of(LineChart chart) {
        XYPlot plot = new XYPlot(Styles.dataset(chart.series()), Styles.axis(chart.x()), Styles.axis(chart.y()),
                Styles.seriesRenderer(chart.series()));
        plot.setDomainGridlinePaint(Styles.GRID_LINE);
        plot.setRangeGridlinePaint(Styles.GRID_LINE);
        for (ReferenceLine line : chart.referenceLines()) {
            if (line.direction() == ReferenceLine.Direction.AT_X) {
                plot.addDomainMarker(verticalMarker(line), Layer.BACKGROUND);
                include(plot.getDomainAxis(), chart.x().scale(), line.value());
            } else {
                plot.addRangeMarker(horizontalMarker(line), Layer.BACKGROUND);
                include(plot.getRangeAxis(), chart.y().scale(), line.value());
            }
        }
        return Styles.chart(chart.title(), plot, true);
    }

    private static ValueMarker verticalMarker(ReferenceLine line) {
        ValueMarker marker = marker(line);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return marker;
    }

    private static ValueMarker horizontalMarker(ReferenceLine line) {
        ValueMarker marker = marker(line);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return marker;
    }

    private static ValueMarker marker(ReferenceLine line) {
        ValueMarker marker = new ValueMarker(line.value(), REFERENCE_LINE, Styles.stroke(new float[] {6, 4}, 1.5f));
        if (!line.label().isEmpty()) {
            marker.setLabel(line.label());
            marker.setLabelFont(REFERENCE_LABEL);
            marker.setLabelPaint(REFERENCE_LINE);
            marker.setLabelBackgroundColor(LABEL_BACKGROUND);
        }
        return marker;
    }

    /** Widens the axis to show a reference line beyond the data: the axes range over the data alone otherwise. */
    private static void include(ValueAxis axis, AxisScale scale, double value) {
        Range range = axis.getRange();
        if (range.contains(value)) {
            return;
        }
        Range widened = Range.expandToInclude(range, value);
        if (scale == AxisScale.LOG10) {
            double lower = Math.log10(widened.getLowerBound());
            double upper = Math.log10(widened.getUpperBound());
            double margin = (upper - lower) * MARGIN;
            axis.setRange(Math.pow(10, lower - margin), Math.pow(10, upper + margin));
        } else {
            double margin = widened.getLength() * MARGIN;
            axis.setRange(widened.getLowerBound() - margin, widened.getUpperBound() + margin);
        }
    }
}
