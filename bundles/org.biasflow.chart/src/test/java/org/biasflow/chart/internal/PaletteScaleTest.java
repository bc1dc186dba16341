package org.biasflow.chart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;

import org.biasflow.chart.ColourScale;
import org.biasflow.chart.Palette;
import org.junit.jupiter.api.Test;

class PaletteScaleTest {
    private final PaletteScale viridis = new PaletteScale(new ColourScale("v", Palette.VIRIDIS, -1, 3));

    @Test
    void theBoundsTakeThePalettesEndColours() {
        assertEquals(new Color(0x440154), viridis.getPaint(-1));
        assertEquals(new Color(0xfde725), viridis.getPaint(3));
    }

    @Test
    void valuesBeyondTheBoundsTakeTheNearerEndColour() {
        assertEquals(viridis.getPaint(-1), viridis.getPaint(-50));
        assertEquals(viridis.getPaint(3), viridis.getPaint(1e9));
    }

    @Test
    void theMiddleOfADivergingScaleIsItsNearWhiteCentre() {
        PaletteScale diverging = new PaletteScale(new ColourScale("v", Palette.BLUE_WHITE_RED, -2, 2));

        assertEquals(new Color(0xf7f7f7), diverging.getPaint(0));
    }

    @Test
    void betweenTwoStopsTheColourIsInterpolated() {
        // Halfway between the first two of nine stops: an eighth of the way is one stop, so a sixteenth is half.
        Color halfway = (Color) viridis.getPaint(-1 + 4.0 / 16);

        assertEquals(new Color((0x44 + 0x47 + 1) / 2, (0x01 + 0x2d) / 2, (0x54 + 0x7b + 1) / 2), halfway);
    }
}
