package org.biasflow.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RowMatrixTest {
    /** 120 rows and 100 columns: 1.2·10⁶ multiply-adds per Gram row block, enough to go parallel. */
    private static final int ROWS = 120;
    private static final int COLUMNS = 100;

    private final Random random = new Random(7);
    private final double[] features = gaussian(ROWS * COLUMNS);

    @Test
    void productsMatchTheirDefinition() {
        RowMatrix matrix = new RowMatrix(features, ROWS, COLUMNS);
        double[] v = gaussian(COLUMNS);
        double[] w = gaussian(ROWS);
        w[3] = 0.0;
        double[] product = new double[ROWS];
        double[] transposed = new double[COLUMNS];
        matrix.multiply(v, product);
        matrix.multiplyTransposed(w, transposed);
        for (int n = 0; n < ROWS; n++) {
            double expected = 0.0;
            for (int i = 0; i < COLUMNS; i++) {
                expected += features[n * COLUMNS + i] * v[i];
            }
            assertEquals(expected, product[n], 1e-12);
        }
        for (int i = 0; i < COLUMNS; i++) {
            double expected = 0.0;
            for (int n = 0; n < ROWS; n++) {
                expected += features[n * COLUMNS + i] * w[n];
            }
            assertEquals(expected, transposed[i], 1e-12);
        }
    }

    @Test
    void productsWithChosenRowsAreThoseRowsOfTheFullProduct() {
        RowMatrix matrix = new RowMatrix(features, ROWS, COLUMNS, 2);
        double[] v = gaussian(COLUMNS);
        double[] product = new double[ROWS];
        matrix.multiply(v, product);
        int[] rows = {117, 3, 4, 60, 0};
        double[] chosen = new double[rows.length];
        matrix.multiplyRows(v, rows, chosen);
        for (int a = 0; a < rows.length; a++) {
            assertEquals(product[rows[a]], chosen[a], 0.0, "row " + rows[a]);
        }
    }

    /**
     * Each entry on and above the diagonal is the scalar sum over the features in order, bit for bit, however the
     * SIMD loop over a row groups its entries; 30 rows by 100 columns leave a panel and a group of four partly filled.
     */
    @Test
    void theWeightedGramMatrixIsTheScalarSumOfItsDefinition() {
        double[] weights = new double[COLUMNS];
        for (int i = 0; i < COLUMNS; i++) {
            weights[i] = random.nextDouble();
        }
        int rows = 30;
        double[][] kernel = new RowMatrix(features, rows, COLUMNS).weightedGram(weights);
        for (int m = 0; m < rows; m++) {
            for (int k = 0; k < rows; k++) {
                int low = Math.min(m, k);
                int high = Math.max(m, k);
                double expected = 0.0;
                for (int i = 0; i < COLUMNS; i++) {
                    expected = Math.fma(features[low * COLUMNS + i], weights[i] * features[high * COLUMNS + i],
                            expected);
                }
                assertEquals(expected, kernel[m][k], 0.0, "K[" + m + "][" + k + "]");
            }
        }
    }

    @Test
    void theGramMatrixOfChosenRowsIsThoseEntriesOfTheWholeOne() {
        RowMatrix matrix = new RowMatrix(features, ROWS, COLUMNS, 2);
        double[] weights = new double[COLUMNS];
        for (int i = 0; i < COLUMNS; i++) {
            weights[i] = random.nextDouble();
        }
        double[][] whole = matrix.weightedGram(weights);
        int[] chosen = {0, 2, 3, 9, 17, 40, 41, 42, 77, 90, 101, 118, 119};
        double[][] kernel = matrix.weightedGram(weights, chosen);
        for (int a = 0; a < chosen.length; a++) {
            for (int b = 0; b < chosen.length; b++) {
                assertEquals(whole[chosen[a]][chosen[b]], kernel[a][b], 0.0,
                        "K[" + chosen[a] + "][" + chosen[b] + "]");
            }
        }
    }

    /** What {@link KeptGram} adds for the features that moved: the Gram matrix of those columns, added in place. */
    @Test
    void theGramMatrixOfChosenColumnsIsAddedAsThatOfTheirSubmatrix() {
        RowMatrix matrix = new RowMatrix(features, ROWS, COLUMNS, 2);
        int[] rows = {1, 4, 5, 30, 31, 60, 99, 119};
        int[] columns = {0, 7, 8, 9, 50, 51, 98};
        double[] weights = gaussian(columns.length);
        double[][] base = matrix.weightedGram(gaussian(COLUMNS), rows);
        double[][] sum = new double[rows.length][];
        for (int a = 0; a < rows.length; a++) {
            sum[a] = base[a].clone();
        }
        matrix.addWeightedGram(weights, rows, columns, sum);
        double[][] added = matrix.select(rows, columns).weightedGram(weights);
        for (int a = 0; a < rows.length; a++) {
            for (int b = 0; b < rows.length; b++) {
                int low = Math.min(a, b);
                int high = Math.max(a, b);
                // added into the running sums: the same products, rounded once less
                double size = Math.abs(base[low][high]) + Math.abs(added[low][high]);
                assertEquals(base[low][high] + added[low][high], sum[a][b], 1e-15 * size,
                        "K[" + rows[a] + "][" + rows[b] + "]");
            }
        }
    }

    /** A matrix given by its rows computes with those arrays: the products of the flat form, bit for bit. */
    @Test
    void aMatrixGivenByItsRowsIsTheFlatOne() {
        double[][] rows = new double[ROWS][];
        for (int n = 0; n < ROWS; n++) {
            rows[n] = java.util.Arrays.copyOfRange(features, n * COLUMNS, (n + 1) * COLUMNS);
        }
        RowMatrix flat = new RowMatrix(features, ROWS, COLUMNS, 2);
        RowMatrix byRows = new RowMatrix(rows, COLUMNS, 2);
        double[] v = gaussian(COLUMNS);
        double[] w = gaussian(ROWS);
        assertArrayEquals(product(flat, v), product(byRows, v));
        assertArrayEquals(transposed(flat, w), transposed(byRows, w));
        assertArrayEquals(flat.weightedGram(v)[7], byRows.weightedGram(v)[7]);
        rows[3][5] += 1;
        assertEquals(product(flat, v)[3] + v[5], product(byRows, v)[3], 1e-12, "the rows are not copied");
        rows[4] = new double[COLUMNS + 1];
        IllegalArgumentException ragged = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new RowMatrix(rows, COLUMNS));
        assertEquals("a row of 101 entries in a matrix of 100 columns", ragged.getMessage());
    }

    @Test
    void resultsDoNotDependOnHowTheWorkIsSplit() {
        RowMatrix alone = new RowMatrix(features, ROWS, COLUMNS, 1);
        RowMatrix split = new RowMatrix(features, ROWS, COLUMNS, 3);
        double[] v = gaussian(COLUMNS);
        double[] w = gaussian(ROWS);
        double[] weights = gaussian(COLUMNS);
        assertArrayEquals(product(alone, v), product(split, v));
        assertArrayEquals(transposed(alone, w), transposed(split, w));
        double[][] expected = alone.weightedGram(weights);
        double[][] actual = split.weightedGram(weights);
        for (int m = 0; m < ROWS; m++) {
            assertArrayEquals(expected[m], actual[m]);
        }
    }

    /**
     * Products take rows several at a time: each entry must still be summed exactly as one row at a time would sum
     * it, in order, so that {@link RowMatrix#rowProduct} and the products of chosen rows (which the flow's dead rows
     * use when they come back) agree with the full product bit for bit, whatever rows are skipped or zero and
     * however many are left over.
     */
    @Test
    void rowsTakenTogetherSumEachEntryAsOneRowAtATime() {
        int rows = 23;
        int columns = 37;
        double[] x = gaussian(rows * columns);
        double[] v = gaussian(columns);
        double[] w = gaussian(rows);
        boolean[] skipped = new boolean[rows];
        for (int n : new int[] {0, 5, 6, 7, 13, 22}) {
            skipped[n] = true;
            w[n] = 0.0;
        }
        for (int pieces : new int[] {1, 3}) {
            RowMatrix matrix = new RowMatrix(x, rows, columns, pieces);
            double[] product = new double[rows];
            java.util.Arrays.fill(product, -1.0);
            matrix.multiply(v, product, skipped);
            double[] transposed = new double[columns];
            matrix.multiplyTransposed(w, transposed);
            for (int n = 0; n < rows; n++) {
                double sum = 0.0;
                for (int i = 0; i < columns; i++) {
                    sum += x[n * columns + i] * v[i];
                }
                assertEquals(sum, matrix.rowProduct(n, v), 0.0, "row " + n + " alone");
                assertEquals(skipped[n] ? -1.0 : sum, product[n], 0.0, "row " + n);
            }
            for (int i = 0; i < columns; i++) {
                double sum = 0.0;
                for (int n = 0; n < rows; n++) {
                    sum += w[n] * x[n * columns + i];
                }
                assertEquals(sum, transposed[i], 0.0, "column " + i);
            }
            for (int[] chosen : new int[][] {{21, 2, 3, 4, 1, 9, 17}, {5}, {8, 7, 6, 5, 4, 3, 2, 1, 0, 22}}) {
                double[] some = new double[chosen.length];
                matrix.multiplyRows(v, chosen, some);
                for (int a = 0; a < chosen.length; a++) {
                    assertEquals(matrix.rowProduct(chosen[a], v), some[a], 0.0, "chosen row " + chosen[a]);
                }
            }
        }
    }

    /** Rows that cancel to a millionth of their size: X̃ᵀv in doubles keeps few digits, twice the precision all. */
    @Test
    void theTwicePreciseProductKeepsTheDigitsThatCancel() {
        int rows = 3;
        int columns = 50;
        double[] x = new double[rows * columns];
        for (int i = 0; i < columns; i++) {
            double a = random.nextGaussian();
            x[i] = a;
            x[columns + i] = -a * (1 + 1e-6 * random.nextGaussian());
            x[2 * columns + i] = 1e-3 * random.nextGaussian();
        }
        double[] v = {Math.PI, Math.PI * (1 + 1e-9), Math.E};
        double[] high = new double[columns];
        double[] low = new double[columns];
        new RowMatrix(x, rows, columns, 2).multiplyTransposedTwice(v, high, low);
        for (int i = 0; i < columns; i++) {
            BigDecimal exact = BigDecimal.ZERO;
            for (int n = 0; n < rows; n++) {
                exact = exact.add(new BigDecimal(v[n]).multiply(new BigDecimal(x[n * columns + i])));
            }
            BigDecimal error = new BigDecimal(high[i]).add(new BigDecimal(low[i])).subtract(exact).abs();
            double size = Math.abs(v[0] * x[i]);
            assertTrue(error.doubleValue() <= 1e-30 * size,
                    "column " + i + ": error " + error.round(MathContext.DECIMAL32) + " of " + size);
        }
    }

    private static double[] product(RowMatrix matrix, double[] v) {
        double[] out = new double[matrix.rows()];
        matrix.multiply(v, out);
        return out;
    }

    private static double[] transposed(RowMatrix matrix, double[] v) {
        double[] out = new double[matrix.columns()];
        matrix.multiplyTransposed(v, out);
        return out;
    }

    private double[] gaussian(int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
