package org.biasflow.chart.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.util.List;

import org.biasflow.chart.Axis;
import org.biasflow.chart.Marks;
import org.biasflow.chart.Series;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The look shared by every chart: fonts, axes, series colours and strokes. */
final class Styles {
    static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Color GRID_LINE = new Color(0xdddddd);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 19);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    /** Ten colours told apart also by most colour-blind readers; beyond ten, the dash pattern changes. */
    private static final Color[] SERIES_COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
    };
    /** Dark or saturated, to stand out on any palette colour underneath. */
    private static final Color[] OVERLAY_COLOURS = {Color.BLACK, new Color(0xd62728), new Color(0xff7f0e), Color.WHITE};
    private static final float[][] DASHES = {null, {9, 4}, {2, 3}, {9, 3, 2, 3}};

    private Styles() {
    }

    static ValueAxis axis(Axis axis) {
        ValueAxis drawn = switch (axis.scale()) {
            case LOG10 -> logAxis(axis.label());
            case LINEAR -> linearAxis(axis.label());
        };
        drawn.setLabelFont(AXIS_LABEL);
        drawn.setTickLabelFont(TICK_LABEL);
        return drawn;
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        // Whole powers of ten only: ticks at 10^0.5 would be hard to read.
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setSmallestValue(Double.MIN_NORMAL);
        return axis;
    }

    private static NumberAxis linearAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    static XYSeriesCollection dataset(List<Series> series) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Series one : series) {
            XYSeries points = new XYSeries(one.name(), false, true);
            for (int i = 0; i < one.size(); i++) {
                points.add(one.x(i), one.y(i), false);
            }
            dataset.addSeries(points);
        }
        return dataset;
    }

    static XYLineAndShapeRenderer seriesRenderer(List<Series> series) {
        return renderer(series, SERIES_COLOURS, 2f);
    }

    static XYLineAndShapeRenderer overlayRenderer(List<Series> overlays) {
        return renderer(overlays, OVERLAY_COLOURS, 2.5f);
    }

    private static XYLineAndShapeRenderer renderer(List<Series> series, Color[] colours, float width) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        for (int i = 0; i < series.size(); i++) {
            Marks marks = series.get(i).marks();
            renderer.setSeriesLinesVisible(i, marks != Marks.POINTS);
            renderer.setSeriesShapesVisible(i, marks != Marks.LINES);
            renderer.setSeriesPaint(i, colours[i % colours.length]);
            renderer.setSeriesStroke(i, stroke(DASHES[i / colours.length % DASHES.length], width));
        }
        return renderer;
    }

    static Stroke stroke(float[] dashes, float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes, 0f);
    }

    static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 12));
        LegendTitle legendTitle = chart.getLegend();
        if (legendTitle != null) {
            legendTitle.setItemFont(LEGEND);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
            legendTitle.setFrame(BlockBorder.NONE);
        }
        return chart;
    }
}
