package org.biasflow.data.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.biasflow.data.DataFormatException;
import org.biasflow.data.IoProblems;

/**
 * The lines of a data file being read, with the position that messages about it name.
 *
 * <p>A {@code #} starts a comment that runs to the end of its line; lines holding nothing else are skipped.
 */
public final class DataLines {
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(?:nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String file;
    private final List<String> lines;
    private int lineNumber;
    private String header;

    private DataLines(String file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /**
     * The whole of {@code path}, after making sure it is a regular file that fits in memory: a directory, a device
     * such as /dev/zero (endless, and of size 0) or a file beyond a sixth of the heap (its bytes, its characters and
     * their lines all live at once) is refused before a byte is read.
     */
    public static byte[] bytes(Path path) {
        String file = path.toString();
        if (Files.isDirectory(path)) {
            throw new DataFormatException(file, "is a directory, not a data file");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new DataFormatException(file, "is not a regular file (a device, pipe or socket): give a file");
        }
        try {
            long size = Files.size(path);
            long readable = Runtime.getRuntime().maxMemory() / 6;
            if (size > readable) {
                throw new DataFormatException(file, String.format(java.util.Locale.ROOT, "is %.1f MB, more than the"
                        + " %.1f MB this JVM can read into memory (a sixth of its heap); raise it with java -Xmx",
                        size / 1e6, readable / 1e6));
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "no such file");
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot be read: " + IoProblems.reason(e, path));
        }
    }

    /**
     * The text in a file's bytes ({@link #bytes}): the bytes themselves, or what they decompress to when they are
     * gzip-compressed, as data sets are often shipped. Other compressed or encoded forms are refused, naming the form
     * and what to do: read as UTF-8 they would only be "not UTF-8 text", or worse, text made of NUL characters.
     */
    public static byte[] uncompressed(String file, byte[] bytes) {
        if (startsWith(bytes, 0x1f, 0x8b)) {
            return gunzip(file, bytes);
        }
        String form = isBzip2(bytes) ? "bzip2-compressed: decompress it first (bunzip2 -k)"
                : startsWith(bytes, 0xfd, '7', 'z', 'X', 'Z', 0) ? "xz-compressed: decompress it first (unxz -k)"
                : startsWith(bytes, 0x28, 0xb5, 0x2f, 0xfd) ? "zstd-compressed: decompress it first (unzstd)"
                : startsWith(bytes, 'P', 'K', 3, 4) ? "a zip archive: extract the data file from it (unzip)"
                : startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)
                        ? "UTF-16 text: save it as UTF-8 (iconv -f UTF-16 -t UTF-8)"
                : null;
        if (form != null) {
            throw new DataFormatException(file, "is " + form + (form.startsWith("UTF") ? ""
                    : ", or compress it with gzip, which biasflow reads"));
        }
        return bytes;
    }

    /** "BZh", the block size 1–9, then a block's magic number (π's digits 314159 in BCD): not a CSV header. */
    private static boolean isBzip2(byte[] bytes) {
        return bytes.length >= 10 && bytes[3] >= '1' && bytes[3] <= '9' && startsWith(bytes, 'B', 'Z', 'h', bytes[3],
                0x31, 0x41, 0x59, 0x26, 0x53, 0x59);
    }

    private static boolean startsWith(byte[] bytes, int... signature) {
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[i] & 0xff) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decompressed bytes, refused as {@link #bytes} refuses a file when they would not fit in memory. */
    private static byte[] gunzip(String file, byte[] bytes) {
        long readable = Runtime.getRuntime().maxMemory() / 6;
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(bytes), 1 << 16)) {
            byte[] text = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, readable + 1));
            if (text.length > readable) {
                throw new DataFormatException(file, String.format(java.util.Locale.ROOT, "decompresses to more than"
                        + " the %.1f MB this JVM can read into memory (a sixth of its heap); raise it with java -Xmx",
                        readable / 1e6));
            }
            return text;
        } catch (IOException e) {
            throw new DataFormatException(file, "is not a whole gzip file (" + e.getMessage() + ")");
        }
    }

    /** The lines of a file's text ({@link #uncompressed}), read as UTF-8; {@code file} names it in errors. */
    public static DataLines of(String file, byte[] bytes) {
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

    /** Makes {@link #next()} return the line it returned last once more. */
    public void unread() {
        lineNumber--;
    }

    /** Reads one data line, given as {@link #next()} gives it and with its line number; called from several threads. */
    public interface LineReader<T> {
        T read(String text, int line);
    }

    /**
     * The data lines from here to the end, each read by {@code reader}, in the order of the file. The lines are read
     * on several threads at once: converting the decimals of a 196 MB file (N = 1000, d = 10000) took 3–4.5 s on one
     * core. A reader should return what is wrong with its line rather than throw it, so that the caller can report
     * the problem a reader going down the file would meet first.
     */
    public <T> List<T> readRest(LineReader<T> reader) {
        List<String> texts = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (String text = next(); text != null; text = next()) {
            texts.add(text);
            numbers.add(lineNumber);
        }
        return IntStream.range(0, texts.size()).parallel()
                .mapToObj(k -> reader.read(texts.get(k), numbers.get(k))).toList();
    }

    public String file() {
        return file;
    }

    /** The number, counted from 1, of the line {@link #next()} returned last. */
    public int lineNumber() {
        return lineNumber;
    }

    /**
     * A field as messages quote it: whole when short, else its first {@value #QUOTED_LENGTH} characters and its
     * length, so that a malformed 10 MB field does not fill the terminal.
     */
    public static String quote(String text) {
        return text.length() <= QUOTED_LENGTH ? text
                : text.substring(0, QUOTED_LENGTH) + "... (" + text.length() + " characters)";
    }

    private static final int QUOTED_LENGTH = 40;

    /** Records that the line {@link #next()} returned last was taken for a header, and why. */
    public void skipHeader(String text, String reason) {
        header = "line " + lineNumber + ": " + quote(text) + " (" + reason + ")";
    }

    /** The header skipped, as {@code line 1: y,x1,x2 (its label field is not a number)}, or null. */
    public String header() {
        return header;
    }

    /** A problem at the line {@link #next()} returned last. */
    public DataFormatException problem(String description) {
        return problem(lineNumber, description);
    }

    /** A problem at the given line, counted from 1. */
    public DataFormatException problem(int line, String description) {
        return new DataFormatException(file, line, description);
    }

    /** Whether {@code text} is written as a number, finite or not. */
    public static boolean isNumber(String text) {
        return isDecimal(text) || NON_FINITE.matcher(text).matches();
    }

    /** Whether {@code text} is a decimal number, [+-]?(digits[.digits] | .digits)([eE][+-]?digits)?. */
    static boolean isDecimal(String text) {
        return !Double.isNaN(Decimals.parse(text, 0, text.length()));
    }

    /**
     * The finite decimal number {@code text}, else a problem naming it as {@code name} on the given line. Stricter
     * than {@link Double#parseDouble}, which would also take hexadecimal and {@code 1d}. Safe to call from several
     * threads.
     */
    public double number(String text, String name, int line) {
        return number(text, 0, text.length(), () -> name, line);
    }

    /**
     * As {@link #number(String, String, int)} for the field {@code text[from, to)} (whitespace around it ignored),
     * naming it only when it is wrong: a data file has millions of fields, and building each one's name took a
     * tenth of reading it.
     */
    public double number(String text, int from, int to, Supplier<String> name, int line) {
        int start = from;
        int end = to;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        double value = Decimals.parse(text, start, end);
        if (value == 0 && nonzeroMantissa(text, start, end)) {
            throw problem(line, name.get() + " " + quote(text.substring(start, end)) + " is too small for a double:"
                    + " it would be read as 0; multiply the data by a constant");
        }
        if (Double.isFinite(value)) {
            return value;
        }
        throw numberProblem(text.substring(start, end), name.get(), line, value);
    }

    /** Whether a digit other than 0 comes before the exponent: a decimal that is not 0 but parsed as 0 underflowed. */
    private static boolean nonzeroMantissa(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean quoted(String text) {
        return text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"));
    }

    private DataFormatException numberProblem(String text, String name, int line, double value) {
        if (Double.isNaN(value)) {
            if (text.isEmpty()) {
                return problem(line, name + " is empty");
            }
            if (NON_FINITE.matcher(text).matches()) {
                return problem(line, name + " is " + quote(text) + "; only finite numbers are allowed");
            }
            return problem(line, name + " '" + quote(text) + "' is not a number" + (quoted(text)
                    ? " (fields in quotes are not read: write the file without quotes)" : ""));
        }
        return problem(line, name + " " + quote(text) + " is too large for a double");
    }
}
