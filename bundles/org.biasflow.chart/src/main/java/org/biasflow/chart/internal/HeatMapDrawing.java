package org.biasflow.chart.internal;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import org.biasflow.chart.AxisScale;
import org.biasflow.chart.Grid;
import org.biasflow.chart.HeatMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;

final class HeatMapDrawing {
    private static final int COLOUR_BAR_STEPS = 256;

    private HeatMapDrawing() {
    }

    static JFreeChart of(HeatMap heatMap) {
        Grid grid = heatMap.grid();
        double[] xEdges = edges(grid.xCount(), grid::xCentre, heatMap.x().scale());
        double[] yEdges = edges(grid.yCount(), grid::yCentre, heatMap.y().scale());
        List<CellRenderer.Cell> cells = new ArrayList<>();
        for (int i = 0; i < grid.xCount(); i++) {
            for (int j = 0; j < grid.yCount(); j++) {
                if (!Double.isNaN(grid.value(i, j))) {
                    cells.add(new CellRenderer.Cell(xEdges[i], xEdges[i + 1], yEdges[j], yEdges[j + 1], grid.value(i, j)));
                }
            }
        }
        PaletteScale colours = new PaletteScale(heatMap.colours());
        XYPlot plot = new XYPlot(cellCentres(cells), Styles.axis(heatMap.x()), Styles.axis(heatMap.y()),
                new CellRenderer(cells, colours));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setDataset(1, Styles.dataset(heatMap.overlays()));
        plot.setRenderer(1, Styles.overlayRenderer(heatMap.overlays()));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        // Set after every dataset is in: adding one recomputes automatic ranges.
        plot.getDomainAxis().setRange(xEdges[0], xEdges[xEdges.length - 1]);
        plot.getRangeAxis().setRange(yEdges[0], yEdges[yEdges.length - 1]);

        JFreeChart chart = Styles.chart(heatMap.title(), plot, !heatMap.overlays().isEmpty());
        chart.addSubtitle(colourBar(heatMap, colours));
        return chart;
    }

    /** Cell edges halfway between neighbouring centres on the axis's scale, the outer cells as wide as their neighbours. */
    static double[] edges(int count, IntToDoubleFunction centre, AxisScale scale) {
        boolean log = scale == AxisScale.LOG10;
        double[] onScale = new double[count];
        for (int i = 0; i < count; i++) {
            onScale[i] = log ? Math.log10(centre.applyAsDouble(i)) : centre.applyAsDouble(i);
        }
        double[] edges = new double[count + 1];
        edges[0] = onScale[0] - (onScale[1] - onScale[0]) / 2;
        for (int i = 1; i < count; i++) {
            edges[i] = (onScale[i - 1] + onScale[i]) / 2;
        }
        edges[count] = onScale[count - 1] + (onScale[count - 1] - onScale[count - 2]) / 2;
        if (log) {
            for (int i = 0; i <= count; i++) {
                edges[i] = Math.pow(10, edges[i]);
            }
        }
        return edges;
    }

    private static DefaultXYDataset cellCentres(List<CellRenderer.Cell> cells) {
        double[][] centres = new double[2][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            centres[0][i] = (cells.get(i).xLow() + cells.get(i).xHigh()) / 2;
            centres[1][i] = (cells.get(i).yLow() + cells.get(i).yHigh()) / 2;
        }
        DefaultXYDataset dataset = new DefaultXYDataset();
        dataset.addSeries("cells", centres);
        return dataset;
    }

    private static PaintScaleLegend colourBar(HeatMap heatMap, PaletteScale colours) {
        NumberAxis axis = new NumberAxis(heatMap.colours().label());
        axis.setLabelFont(Styles.AXIS_LABEL);
        axis.setTickLabelFont(Styles.TICK_LABEL);
        axis.setRange(heatMap.colours().lower(), heatMap.colours().upper());
        PaintScaleLegend bar = new PaintScaleLegend(colours, axis);
        bar.setPosition(RectangleEdge.RIGHT);
        bar.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        bar.setSubdivisionCount(COLOUR_BAR_STEPS);
        bar.setStripWidth(16);
        bar.setStripOutlineVisible(true);
        bar.setFrame(BlockBorder.NONE);
        bar.setMargin(new RectangleInsets(4, 12, 4, 4));
        bar.setBackgroundPaint(Color.WHITE);
        return bar;
    }
}
