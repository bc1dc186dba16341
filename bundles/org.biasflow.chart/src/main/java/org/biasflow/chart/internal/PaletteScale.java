package org.biasflow.chart.internal;

import java.awt.Color;
import java.awt.Paint;

import org.biasflow.chart.ColourScale;
import org.jfree.chart.renderer.PaintScale;

/** A colour scale's palette spread evenly over its bounds, interpolated between colour stops. */
final class PaletteScale implements PaintScale {
    private static final int[] VIRIDIS = {
        0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725
    };
    private static final int[] BLUE_WHITE_RED = {0x2166ac, 0x67a9cf, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xef8a62, 0xb2182b};

    private final ColourScale scale;
    private final int[] stops;

    PaletteScale(ColourScale scale) {
        this.scale = scale;
        this.stops = switch (scale.palette()) {
            case VIRIDIS -> VIRIDIS;
            case BLUE_WHITE_RED -> BLUE_WHITE_RED;
        };
    }

    @Override
    public double getLowerBound() {
        return scale.lower();
    }

    @Override
    public double getUpperBound() {
        return scale.upper();
    }

    @Override
    public Paint getPaint(double value) {
        double fraction = (value - scale.lower()) / (scale.upper() - scale.lower());
        double position = Math.max(0, Math.min(1, fraction)) * (stops.length - 1);
        int below = Math.min((int) position, stops.length - 2);
        double weight = position - below;
        return new Color(mix(stops[below], stops[below + 1], weight, 16), mix(stops[below], stops[below + 1], weight, 8),
                mix(stops[below], stops[below + 1], weight, 0));
    }

    private static int mix(int from, int to, double weight, int shift) {
        int a = from >> shift & 0xff;
        int b = to >> shift & 0xff;
        return (int) Math.round(a + (b - a) * weight);
    }
}
