package org.biasflow.data.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
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
        Labels labels = new Labels(lines);
        List<double[]> points = new ArrayList<>();
        int fieldCount = 0;
        int headerLine = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            String[] fields = line.split(",", -1);
            if (fieldCount == 0) {
                if (fields.length < 2) {
                    throw lines.problem("expected a label and at least one feature, found " + fields.length + " field");
                }
                fieldCount = fields.length;
                String reason = !DataLines.isNumber(fields[0].strip()) ? "its label field is not a number"
                        : isColumnIndices(fields) ? "its fields are the column indices" : null;
                if (reason != null) {
                    headerLine = lines.lineNumber();
                    lines.skipHeader(line, reason);
                    continue;
                }
            } else if (fields.length != fieldCount) {
                throw lines.problem("expected " + fieldCount + " fields"
                        + (headerLine > 0 ? " as in the header on line " + headerLine : "") + ", found " + fields.length);
            }
            labels.read(fields[0].strip());
            double[] point = new double[fieldCount - 1];
            for (int i = 1; i < fieldCount; i++) {
                point[i - 1] = lines.number(fields[i].strip(), "x" + i);
            }
            points.add(point);
        }
        if (points.isEmpty()) {
            throw new DataFormatException(lines.file(), "holds no data points");
        }
        return new DataSet(points.toArray(double[][]::new), labels.toArray(), lines.file());
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
