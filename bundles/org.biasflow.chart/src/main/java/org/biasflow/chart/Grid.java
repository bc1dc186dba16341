package org.biasflow.chart;

/**
 * Values on a rectangular grid of cells, given by the cells' centres; a NaN value is a cell without data. Centres
 * need not be evenly spaced: each cell reaches halfway to its neighbours (halfway on the axis's scale). Immutable.
 */
public final class Grid {
    private final double[] xCentres;
    private final double[] yCentres;
    private final double[][] valueByXThenY;

    /**
     * @param xCentres at least two strictly increasing finite x values, copied
     * @param yCentres at least two strictly increasing finite y values, copied
     * @param valueByXThenY {@code valueByXThenY[i][j]} is the value of the cell at {@code (xCentres[i], yCentres[j])}:
     *        finite, or NaN for no data; copied
     */
    public Grid(double[] xCentres, double[] yCentres, double[][] valueByXThenY) {
        this.xCentres = requireIncreasing(xCentres.clone(), "x");
        this.yCentres = requireIncreasing(yCentres.clone(), "y");
        if (valueByXThenY.length != this.xCentres.length) {
            throw new IllegalArgumentException("the grid has " + this.xCentres.length + " x centres but values for "
                    + valueByXThenY.length);
        }
        this.valueByXThenY = new double[valueByXThenY.length][];
        for (int i = 0; i < valueByXThenY.length; i++) {
            double[] column = valueByXThenY[i].clone();
            if (column.length != this.yCentres.length) {
                throw new IllegalArgumentException("the grid has " + this.yCentres.length + " y centres but "
                        + column.length + " values at x index " + i);
            }
            for (int j = 0; j < column.length; j++) {
                if (Double.isInfinite(column[j])) {
                    throw new IllegalArgumentException("the grid value at x index " + i + ", y index " + j
                            + " is infinite; use NaN for a cell without data");
                }
            }
            this.valueByXThenY[i] = column;
        }
    }

    private static double[] requireIncreasing(double[] centres, String axis) {
        if (centres.length < 2) {
            throw new IllegalArgumentException("the grid needs at least two " + axis
                    + " centres to know its cells' widths, got " + centres.length);
        }
        for (int i = 0; i < centres.length; i++) {
            if (!Double.isFinite(centres[i]) || i > 0 && !(centres[i] > centres[i - 1])) {
                throw new IllegalArgumentException("the grid's " + axis
                        + " centres must be finite and strictly increasing, but index " + i + " is " + centres[i]);
            }
        }
        return centres;
    }

    public int xCount() {
        return xCentres.length;
    }

    public int yCount() {
        return yCentres.length;
    }

    public double xCentre(int xIndex) {
        return xCentres[xIndex];
    }

    public double yCentre(int yIndex) {
        return yCentres[yIndex];
    }

    /** The value of the cell, NaN when it has no data. */
    public double value(int xIndex, int yIndex) {
        return valueByXThenY[xIndex][yIndex];
    }

    void requireShowableOn(Axis xAxis, Axis yAxis) {
        for (int i = 0; i < xCentres.length; i++) {
            xAxis.requireShowable(xCentres[i], "grid x centre at index " + i);
        }
        for (int j = 0; j < yCentres.length; j++) {
            yAxis.requireShowable(yCentres[j], "grid y centre at index " + j);
        }
    }

    @Override
    public String toString() {
        return "Grid[" + xCentres.length + " x " + yCentres.length + " cells]";
    }
}
