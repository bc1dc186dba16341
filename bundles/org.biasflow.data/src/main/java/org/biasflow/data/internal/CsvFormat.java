package org.biasflow.data.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

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
        List<String> texts = new ArrayList<>();
        int[] lineNumbers = new int[64];
        int fieldCount = 0;
        int headerLine = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (fieldCount == 0) {
                String[] fields = line.split(",", -1);
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
            }
            if (texts.size() == lineNumbers.length) {
                lineNumbers = Arrays.copyOf(lineNumbers, 2 * texts.size());
            }
            lineNumbers[texts.size()] = lines.lineNumber();
            texts.add(line);
        }
        if (texts.isEmpty()) {
            throw new DataFormatException(lines.file(), "holds no data points");
        }
        int[] numbers = lineNumbers;
        int fields = fieldCount;
        String expected = "expected " + fieldCount + " fields"
                + (headerLine > 0 ? " as in the header on line " + headerLine : "");
        Line[] parsed = new Line[texts.size()];
        IntStream.range(0, parsed.length).parallel()
                .forEach(k -> parsed[k] = Line.parse(lines, texts.get(k), numbers[k], fields, expected));
        Labels labels = new Labels(lines);
        double[][] points = new double[parsed.length][];
        for (int k = 0; k < parsed.length; k++) {
            Line line = parsed[k];
            if (line.label() == null) {
                throw line.problem();
            }
            labels.read(line.label(), numbers[k]);
            if (line.problem() != null) {
                throw line.problem();
            }
            points[k] = line.point();
        }
        return new DataSet(points, labels.toArray(), lines.file());
    }

    /**
     * A data line read on its own, so that lines are read in parallel (reading a 196 MB file took 5.7 s on one
     * core, most of it converting decimals), while problems are still reported in the order of the file: the first
     * line's, and within a line its field count, then its label, then its first feature. The label is read in order
     * afterwards, since what a label may be depends on the labels before it.
     *
     * @param label the label field, or null when the line has the wrong number of fields ({@code problem} says so)
     * @param problem the line's first problem, or null
     */
    private record Line(String label, double[] point, DataFormatException problem) {

        static Line parse(DataLines lines, String text, int number, int fieldCount, String expected) {
            String[] fields = text.split(",", -1);
            if (fields.length != fieldCount) {
                return new Line(null, null, lines.problem(number, expected + ", found " + fields.length));
            }
            double[] point = new double[fieldCount - 1];
            try {
                for (int i = 1; i < fieldCount; i++) {
                    point[i - 1] = lines.number(fields[i].strip(), "x" + i, number);
                }
            } catch (DataFormatException e) {
                return new Line(fields[0].strip(), null, e);
            }
            return new Line(fields[0].strip(), point, null);
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
