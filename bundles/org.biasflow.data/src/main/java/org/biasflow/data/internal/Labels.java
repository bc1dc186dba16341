package org.biasflow.data.internal;

import java.util.Arrays;

/**
 * The labels of a data file, read one point at a time and given back as −1/+1.
 *
 * <p>A file uses either −1/+1 or 0/1, where 0 stands for −1. A file holding both −1 and 0 is rejected at the
 * second of them, because it could be a 0/1 file with a stray −1 as well as a −1/+1 file with a stray 0. A file
 * whose labels are all 1 is read the same under both conventions.
 */
public final class Labels {
    private final DataLines lines;
    private int[] labels = new int[64];
    private int count;
    private int firstMinusOneLine;
    private int firstZeroLine;

    public Labels(DataLines lines) {
        this.lines = lines;
    }

    /** Reads the label {@code text} of the next point, found on the given line. */
    public void read(String text, int line) {
        double value = lines.number(text, "label", line);
        if (value == -1) {
            if (firstZeroLine > 0) {
                throw lines.problem(line, "label -1 mixes the -1/+1 convention with the 0/1 convention of label 0 on"
                        + " line " + firstZeroLine);
            }
            firstMinusOneLine = firstMinusOneLine > 0 ? firstMinusOneLine : line;
        } else if (value == 0) {
            if (firstMinusOneLine > 0) {
                throw lines.problem(line, "label 0 mixes the 0/1 convention with the -1/+1 convention of label -1 on"
                        + " line " + firstMinusOneLine);
            }
            firstZeroLine = firstZeroLine > 0 ? firstZeroLine : line;
        } else if (value != 1) {
            throw lines.problem(line, "label " + DataLines.quote(text) + " is not -1 or +1 (nor 0 or 1)");
        }
        if (count == labels.length) {
            labels = Arrays.copyOf(labels, 2 * count);
        }
        labels[count++] = value == 1 ? 1 : -1;
    }

    public int count() {
        return count;
    }

    public int[] toArray() {
        return Arrays.copyOf(labels, count);
    }
}
