package org.biasflow.data.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.biasflow.data.DataFormatException;

/**
 * The lines of a data file being read, with the position that messages about it name.
 *
 * <p>A {@code #} starts a comment that runs to the end of its line; lines holding nothing else are skipped.
 */
public final class DataLines {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(?:nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String file;
    private final List<String> lines;
    private int lineNumber;

    private DataLines(String file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Reads the whole of {@code path} as UTF-8 text. */
    public static DataLines read(Path path) {
        String file = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "no such file");
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read: " + e);
        }
        return new DataLines(file, decode(file, bytes).lines().toList());
    }

    // Decoding the whole file at once, rather than through a reader, lets an encoding error name its exact line.
    private static String decode(String file, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new DataFormatException(file, line, "not UTF-8 text");
        }
        String text = out.flip().toString();
        return text.isEmpty() || text.charAt(0) != BYTE_ORDER_MARK ? text : text.substring(1);
    }

    /** The next line that holds data, without its comment and surrounding whitespace, or null after the last. */
    public String next() {
        while (lineNumber < lines.size()) {
            String line = lines.get(lineNumber++);
            int comment = line.indexOf('#');
            String content = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!content.isEmpty()) {
                return content;
            }
        }
        return null;
    }

    public String file() {
        return file;
    }

    /** The number, counted from 1, of the line {@link #next()} returned last. */
    public int lineNumber() {
        return lineNumber;
    }

    /** A problem at the line {@link #next()} returned last. */
    public DataFormatException problem(String description) {
        return new DataFormatException(file, lineNumber, description);
    }

    /** Whether {@code text} is written as a number, finite or not. */
    public static boolean isNumber(String text) {
        return DECIMAL.matcher(text).matches() || NON_FINITE.matcher(text).matches();
    }

    /**
     * The finite decimal number {@code text}, else a problem naming it as {@code name}. Stricter than
     * {@link Double#parseDouble}, which would also take hexadecimal and {@code 1d}.
     */
    public double number(String text, String name) {
        if (text.isEmpty()) {
            throw problem(name + " is empty");
        }
        if (NON_FINITE.matcher(text).matches()) {
            throw problem(name + " is " + text + "; only finite numbers are allowed");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw problem(name + " '" + text + "' is not a number");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw problem(name + " " + text + " is too large for a double");
        }
        return value;
    }
}
