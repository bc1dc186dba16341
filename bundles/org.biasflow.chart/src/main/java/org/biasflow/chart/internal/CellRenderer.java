package org.biasflow.chart.internal;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.XYDataset;

/**
 * Fills each grid cell between its own edges. Unlike JFreeChart's block renderer, which gives every cell one width
 * and height, this draws grids with uneven spacing, such as checkpoints dense at first and log-spaced later.
 */
final class CellRenderer extends AbstractXYItemRenderer {
    private static final long serialVersionUID = 1L;

    /** One cell with data, in data coordinates; item {@code i} of the dataset's only series is cell {@code i}. */
    record Cell(double xLow, double xHigh, double yLow, double yHigh, double value) {
    }

    private final List<Cell> cells;
    private final PaintScale colours;

    CellRenderer(List<Cell> cells, PaintScale colours) {
        this.cells = List.copyOf(cells);
        this.colours = colours;
        setDefaultSeriesVisibleInLegend(false);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        Cell cell = cells.get(item);
        double x0 = domainAxis.valueToJava2D(cell.xLow(), dataArea, plot.getDomainAxisEdge());
        double x1 = domainAxis.valueToJava2D(cell.xHigh(), dataArea, plot.getDomainAxisEdge());
        double y0 = rangeAxis.valueToJava2D(cell.yLow(), dataArea, plot.getRangeAxisEdge());
        double y1 = rangeAxis.valueToJava2D(cell.yHigh(), dataArea, plot.getRangeAxisEdge());
        Rectangle2D block = new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0),
                Math.abs(y1 - y0));
        g2.setPaint(colours.getPaint(cell.value()));
        g2.fill(block);
        // Outlined in its own colour: antialiased neighbours would otherwise show hairline seams between them.
        g2.setStroke(new BasicStroke(1f));
        g2.draw(block);
    }
}
