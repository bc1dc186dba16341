package org.biasflow.data.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import org.biasflow.api.DataSet;
import org.biasflow.data.DataFormatException;

/**
 * Comma-separated data: one point a line as {@code y,x1,...,xd}, whitespace around fields ignored.
 *
 * <p>The first data line is a header when its label field is not a number, or when its fields are the column
 * indices 0, 1, …, d in order with d ≥ 2, which is what pandas writes for a frame with unnamed columns
 * ({@code 0,1,2}) and would otherwise be read as a point labelled 0. Any other first line with a numeric label is
 * data, so a typo among its features is reported rather than silently taken for a header. A header fixes the
 * number of fields of every line after it, and {@link DataLines#header()} says which line was skipped and why.
 */
public final class CsvFormat {
    private CsvFormat() {
    }

    public static DataSet read(DataLines lines) {
        String first = lines.next();
        if (first == null) {
            throw new DataFormatException(lines.file(), "holds no data points");
        }
        String[] firstFields = first.split(",", -1);
        if (firstFields.length < 2) {
            String separator = first.indexOf(';') >= 0 ? "semicolons" : first.indexOf('\t') >= 0 ? "tabs" : null;
            throw lines.problem("expected a label and at least one feature, found " + firstFields.length + " field"
                    + (separator == null ? "" : ": fields are separated by commas, and this line has none but "
                            + separator + "; write the file with commas (and decimal points)"));
        }
        int fieldCount = firstFields.length;
        String reason = !DataLines.isNumber(firstFields[0].strip()) ? "its label field is not a number"
                : isColumnIndices(firstFields) ? "its fields are the column indices" : null;
        String expected = "expected " + fieldCount + " fields"
                + (reason != null ? " as in the header on line " + lines.lineNumber() : "");
        if (reason != null) {
            lines.skipHeader(first, reason);
        } else {
            lines.unread();
        }
        List<Line> parsed = lines.readRest((text, number) -> Line.parse(lines, text, number, fieldCount, expected));
        if (parsed.isEmpty()) {
            throw new DataFormatException(lines.file(), "holds no data points");
        }
        Labels labels = new Labels(lines);
        double[][] points = new double[parsed.size()][];
        for (int k = 0; k < points.length; k++) {
            Line line = parsed.get(k);
            if (line.label() == null) {
                throw line.problem();
            }
            labels.read(line.label(), line.number());
            if (line.problem() != null) {
                throw line.problem();
            }
            points[k] = line.point();
        }
        return new DataSet(points, labels.toArray(), lines.file());
    }

    /**
     * A data line read on its own, on one of several threads ({@link DataLines#readRest}), with its first problem
     * kept for the caller, who reports problems in the order of the file: the first line's, and within a line its
     * field count, then its label, then its first feature. The label is read in order afterwards, since what a
     * label may be depends on the labels before it.
     *
     * @param label the label field, or null when the line has the wrong number of fields ({@code problem} says so)
     * @param problem the line's first problem, or null
     */
    private record Line(int number, String label, double[] point, DataFormatException problem) {

        static Line parse(DataLines lines, String text, int number, int fieldCount, String expected) {
            int fields = 1;
            for (int c = text.indexOf(','); c >= 0; c = text.indexOf(',', c + 1)) {
                fields++;
            }
            if (fields != fieldCount) {
                return new Line(number, null, null, lines.problem(number, expected + ", found " + fields));
            }
            // the fields are read where they lie in the line: a split and a strip made two copies of every value
            int labelEnd = text.indexOf(',');
            String label = text.substring(0, labelEnd).strip();
            double[] point = new double[fieldCount - 1];
            try {
                int start = labelEnd + 1;
                for (int i = 1; i < fieldCount; i++) {
                    int end = i < fieldCount - 1 ? text.indexOf(',', start) : text.length();
                    int feature = i;
                    point[i - 1] = lines.number(text, start, end, () -> "x" + feature, number);
                    start = end + 1;
                }
            } catch (DataFormatException e) {
                return new Line(number, label, null, e);
            }
            return new Line(number, label, point, null);
        }
    }

    /**
     * Whether the fields read 0, 1, …, d with d ≥ 2. A two-field line 0,1 is left to be data (a point of one
     * feature labelled 0), since a one-feature header is rare and such points are not.
     */
    private static boolean isColumnIndices(String[] fields) {
        if (fields.length < 3) {
            return false;
        }
        for (int i = 0; i < fields.length; i++) {
            if (!fields[i].strip().equals(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }

    /** Writes a header and one line a point; {@link Double#toString} gives back the exact double when read. */
    public static void write(DataSet data, Writer out) throws IOException {
        out.write("y");
        for (int i = 1; i <= data.dimension(); i++) {
            out.write(",x" + i);
        }
        out.write('\n');
        for (int n = 0; n < data.size(); n++) {
            out.write(Integer.toString(data.label(n)));
            for (double feature : data.point(n)) {
                out.write(',');
                out.write(Double.toString(feature));
            }
            out.write('\n');
        }
    }
}
