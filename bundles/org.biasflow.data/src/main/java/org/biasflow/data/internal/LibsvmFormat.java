package org.biasflow.data.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;

import org.biasflow.api.DataSet;
import org.biasflow.data.DataFormatException;

/**
 * LIBSVM's sparse format: one point a line as {@code label index:value ...}, separated by whitespace, indices
 * counted from 1 and increasing along the line; absent features are 0. The dimension is the largest index in the
 * file.
 */
public final class LibsvmFormat {
    // Leaves room for the header words a JVM may reserve in an array.
    private static final long LARGEST_DENSE_ARRAY = Integer.MAX_VALUE - 8;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");

    private LibsvmFormat() {
    }

    /**
     * A line read on its own, on one of several threads ({@link DataLines#readRest}); its problem, if any, is
     * reported after its label's, in the order of the file.
     */
    private record SparsePoint(int number, String label, int[] indices, double[] values,
            DataFormatException problem) {

        static SparsePoint parse(DataLines lines, String text, int number) {
            String[] tokens = WHITESPACE.split(text);
            int[] indices = new int[tokens.length - 1];
            double[] values = new double[tokens.length - 1];
            try {
                for (int t = 1; t < tokens.length; t++) {
                    int colon = tokens[t].indexOf(':');
                    if (colon < 0) {
                        throw lines.problem(number, "'" + DataLines.quote(tokens[t]) + "' is not an index:value pair");
                    }
                    String indexText = tokens[t].substring(0, colon);
                    int index = INDEX.matcher(indexText).matches() ? Integer.parseInt(indexText) : 0;
                    if (index == 0) {
                        throw lines.problem(number, "index '" + DataLines.quote(indexText)
                                + "' is not a whole number from 1 to 999999999");
                    }
                    if (t > 1 && index <= indices[t - 2]) {
                        throw lines.problem(number, "index " + index + " follows index " + indices[t - 2]
                                + "; indices must increase along a line");
                    }
                    indices[t - 1] = index;
                    values[t - 1] = lines.number(tokens[t], colon + 1, tokens[t].length(), () -> "x" + index,
                            number);
                }
            } catch (DataFormatException e) {
                return new SparsePoint(number, tokens[0], null, null, e);
            }
            return new SparsePoint(number, tokens[0], indices, values, null);
        }
    }

    public static DataSet read(DataLines lines) {
        Labels labels = new Labels(lines);
        List<SparsePoint> points = lines.readRest((text, number) -> SparsePoint.parse(lines, text, number));
        int dimension = 0;
        int dimensionLine = 0;
        for (SparsePoint point : points) {
            labels.read(point.label(), point.number());
            if (point.problem() != null) {
                throw point.problem();
            }
            int[] indices = point.indices();
            if (indices.length > 0 && indices[indices.length - 1] > dimension) {
                dimension = indices[indices.length - 1];
                dimensionLine = point.number();
            }
        }
        if (points.isEmpty()) {
            throw new DataFormatException(lines.file(), "holds no data points");
        }
        if (dimension == 0) {
            throw new DataFormatException(lines.file(), "no point has a feature");
        }
        if ((long) points.size() * dimension > LARGEST_DENSE_ARRAY) {
            throw new DataFormatException(lines.file(), dimensionLine, "index " + dimension + " makes " + points.size()
                    + " points of " + dimension + " features, too many for a dense data set");
        }
        String tooLarge = DenseSize.problem(points.size(), dimension);
        if (tooLarge != null) {
            throw new DataFormatException(lines.file(), dimensionLine, "index " + dimension + " makes " + tooLarge);
        }
        double[][] dense = new double[points.size()][dimension];
        for (int n = 0; n < dense.length; n++) {
            SparsePoint point = points.get(n);
            for (int k = 0; k < point.indices().length; k++) {
                dense[n][point.indices()[k] - 1] = point.values()[k];
            }
        }
        return new DataSet(dense, labels.toArray(), lines.file());
    }

    /**
     * Writes the nonzero features of each point, and its last feature even when zero, so that reading the file
     * gives back the dimension.
     */
    public static void write(DataSet data, Writer out) throws IOException {
        int dimension = data.dimension();
        for (int n = 0; n < data.size(); n++) {
            out.write(data.label(n) > 0 ? "+1" : "-1");
            double[] point = data.point(n);
            for (int i = 0; i < dimension; i++) {
                if (point[i] != 0 || i == dimension - 1) {
                    out.write(" " + (i + 1) + ":" + point[i]);
                }
            }
            out.write('\n');
        }
    }
}
