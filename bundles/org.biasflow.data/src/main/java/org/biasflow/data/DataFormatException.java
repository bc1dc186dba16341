package org.biasflow.data;

/**
 * A data file that cannot be read as a data set: missing, empty, or malformed at a given line. The message names
 * the file, the line when there is one, and the problem, as in {@code data.csv line 7: expected 31 fields, found 30}.
 */
public final class DataFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /** A problem at a line, counted from 1 and including comment and blank lines. */
    public DataFormatException(String file, int line, String problem) {
        super(file + " line " + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** A problem with the file as a whole, such as its absence. */
    public DataFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.line = 0;
    }

    public String file() {
        return file;
    }

    /** The line of the problem counted from 1, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
