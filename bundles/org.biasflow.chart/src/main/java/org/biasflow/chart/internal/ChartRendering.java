package org.biasflow.chart.internal;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.biasflow.chart.Chart;
import org.biasflow.chart.HeatMap;
import org.biasflow.chart.LineChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;

/** A chart drawn in memory as PNG and SVG bytes, so that nothing is written before both drawings succeeded. */
public record ChartRendering(byte[] png, byte[] svg) {
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    static {
        // Before the first AWT class asks: with no display, AWT would otherwise fail to draw text.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // The workaround draws rotated labels (the y axis's, the colour bar's) as outlines: in SVG they would not be
        // text that a reader can search or a test can find. Our JFreeChart copy is private, so no one else sees this.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    public static ChartRendering of(Chart chart, int width, int height) {
        JFreeChart drawing;
        if (chart instanceof LineChart lineChart) {
            drawing = LineChartDrawing.of(lineChart);
        } else if (chart instanceof HeatMap heatMap) {
            drawing = HeatMapDrawing.of(heatMap);
        } else {
            throw new IllegalArgumentException("unknown kind of chart: " + chart.getClass().getName());
        }
        Rectangle2D area = new Rectangle2D.Double(0, 0, width, height);
        return new ChartRendering(png(drawing, area), svg(drawing, area));
    }

    private static byte[] png(JFreeChart drawing, Rectangle2D area) {
        BufferedImage image = new BufferedImage((int) area.getWidth(), (int) area.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            drawing.draw(graphics, area);
        } finally {
            graphics.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // A memory cache: ImageIO's default disk cache would leave files in the temporary directory behind a crash.
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(image);
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] svg(JFreeChart drawing, Rectangle2D area) {
        SVGGraphics2D graphics = new SVGGraphics2D(area.getWidth(), area.getHeight());
        // The default prefix holds a timestamp: a fixed one makes the same chart give the same file.
        graphics.setDefsKeyPrefix("biasflow-");
        drawing.draw(graphics, area);
        // Not getSVGDocument(): its DOCTYPE names a DTD on the web that XML parsers would try to fetch.
        return (XML_DECLARATION + graphics.getSVGElement() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
