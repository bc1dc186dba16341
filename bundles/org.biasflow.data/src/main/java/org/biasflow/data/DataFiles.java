package org.biasflow.data;

import java.io.IOException;
import java.io.Writer;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import org.biasflow.api.DataSet;
import org.biasflow.data.internal.CsvFormat;
import org.biasflow.data.internal.DataLines;
import org.biasflow.data.internal.LibsvmFormat;

/**
 * Data files: LIBSVM for names ending {@code .svm} or {@code .libsvm} (in any case), CSV for every other name; a
 * further {@code .gz} is read and written gzip-compressed (a gzip-compressed file is read whatever its name). Other
 * compressed forms, and UTF-16 text, are refused, naming the form.
 *
 * <p>Both formats: UTF-8 text; {@code #} starts a comment running to the end of the line; blank lines are skipped;
 * labels are −1/+1 or 0/1 (0 read as −1), never both −1 and 0 in one file; features must be finite decimal
 * numbers. CSV lines are {@code y,x1,...,xd} with whitespace around fields ignored, after an optional header, which
 * is a first line whose label field is not a number or whose fields are the column indices 0, 1, …, d (d ≥ 2), as
 * pandas writes them. A directory, a device, or a file or dense data set too large for the heap is
 * refused with its size. LIBSVM lines are {@code label index:value ...} with indices
 * from 1, increasing along the line, and the dimension is the largest index in the file.
 */
public final class DataFiles {
    /**
     * Hashes already computed, by data set (a {@link DataSet} is immutable and compares by identity): the run engine
     * and the analyzers' reference cache each ask for it once per trajectory of a sweep, which shares one data set.
     */
    private static final Map<DataSet, String> HASHES = new WeakHashMap<>();
    private static final String GZIP = ".gz";

    /** A file's name as given, the SHA-256 of its bytes, and what they were read as. */
    private record Read(String file, byte[] digest, SoftReference<LoadedData> loaded) {
    }

    /**
     * The last file read: read again with the same bytes under the same name, it gives the same data without parsing
     * them again, as the trajectories of a sweep do (parsing took 6 % of a sweep of small trajectories). Compared by
     * content, not by size and modification time, which a file rewritten in place can keep. Held softly, so that a
     * large data set does not outstay its runs when memory is short.
     */
    private static volatile Read lastRead;

    private DataFiles() {
    }

    /**
     * Reads a data set; its {@link DataSet#source() source} is {@code file} as given.
     *
     * @throws DataFormatException when the file is missing, unreadable, empty or malformed; the message names the
     *         file, the line and the problem
     */
    public static DataSet read(Path file) {
        return load(file).data();
    }

    /**
     * Reads a data set as {@link #read} does, and says which header line, if any, was skipped. The file is read
     * whole each time; when its bytes and name are those of the last file read, the result of that read is returned.
     *
     * @throws DataFormatException as {@link #read}
     */
    public static LoadedData load(Path file) {
        byte[] bytes = DataLines.bytes(file);
        byte[] digest = digest(bytes);
        String name = file.toString();
        Read previous = lastRead;
        if (previous != null && previous.file().equals(name) && Arrays.equals(previous.digest(), digest)) {
            LoadedData kept = previous.loaded().get();
            if (kept != null) {
                return kept;
            }
        }
        DataLines lines = DataLines.of(name, DataLines.uncompressed(name, bytes));
        DataSet data = isLibsvm(file) ? LibsvmFormat.read(lines) : CsvFormat.read(lines);
        LoadedData loaded = new LoadedData(data, lines.header());
        lastRead = new Read(name, digest, new SoftReference<>(loaded));
        return loaded;
    }

    /**
     * Reads the data file that a run's or a sweep's record names, as {@link #read} does, refusing it when it no longer
     * holds the data the record was made of: whatever is computed again from it would be of other data.
     *
     * @param recordedHash the data's {@link #hash} as the record gives it
     * @param record the record's file, named in the refusal
     * @throws IllegalArgumentException when the content hash differs, naming the data file and the record
     * @throws DataFormatException as {@link #read}
     * @since 1.7
     */
    public static DataSet readRecorded(Path file, String recordedHash, Path record) {
        DataSet data = read(file);
        requireRecorded(file, hash(data), recordedHash, record);
        return data;
    }

    /**
     * As {@link #readRecorded}, for data already read, whose {@link #hash} is {@code hash}.
     *
     * @throws IllegalArgumentException when the hashes differ, naming the data file and the record
     * @since 1.7
     */
    public static void requireRecorded(Path file, String hash, String recordedHash, Path record) {
        if (!hash.equals(recordedHash)) {
            throw new IllegalArgumentException("the data file " + file + " has changed since " + record + " was"
                    + " written (its content hash differs from the one it records)");
        }
    }

    private static byte[] digest(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * Writes {@code data} atomically in the format {@link #read} chooses for the name, so that reading it back gives
     * the same points, labels (as −1/+1) and dimension, every double exact. CSV gets a header {@code y,x1,...,xd}.
     *
     * @throws java.io.InterruptedIOException when the thread is interrupted while writing: a data set can take
     *         seconds and hundreds of MB, and a program stopping (SIGTERM, Ctrl-C) would otherwise leave its
     *         temporary file behind, half written; nothing is left, and an existing file is kept
     */
    public static void write(Path file, DataSet data) throws IOException {
        if (isGzip(file)) {
            AtomicFiles.writeGzipped(file, content(file, data));
        } else {
            AtomicFiles.write(file, content(file, data));
        }
    }

    /**
     * As {@link #write(Path, DataSet)}, but never in place of an existing file ({@link AtomicFiles#writeNew}).
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists once the data are written out
     */
    public static void writeNew(Path file, DataSet data) throws IOException {
        AtomicFiles.writeNew(file, isGzip(file), content(file, data));
    }

    private static IOConsumer<Writer> content(Path file, DataSet data) {
        return writer -> {
            Writer stoppable = new StoppableWriter(writer, file);
            if (isLibsvm(file)) {
                LibsvmFormat.write(data, stoppable);
            } else {
                CsvFormat.write(data, stoppable);
            }
        };
    }

    /** A writer that stops, with an {@link java.io.InterruptedIOException}, once its thread is interrupted. */
    private static final class StoppableWriter extends java.io.FilterWriter {
        private final Path file;

        StoppableWriter(Writer out, Path file) {
            super(out);
            this.file = file;
        }

        @Override
        public void write(int c) throws IOException {
            check();
            out.write(c);
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            check();
            out.write(buffer, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            check();
            out.write(text, offset, length);
        }

        private void check() throws java.io.InterruptedIOException {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("interrupted while writing " + file + ": it is left as it"
                        + " was");
            }
        }
    }

    /**
     * The SHA-256 of the content of {@code data}, as 64 lower-case hexadecimal digits: the same for the same points
     * and labels whatever file format, number formatting, comments or label convention they were read from.
     *
     * <p>The bytes hashed are big-endian: N and d as 32-bit ints, then for each point its label (−1 or +1) as a
     * 32-bit int followed by its d features as IEEE 754 doubles, with −0.0 written as 0.0.
     */
    public static String hash(DataSet data) {
        synchronized (HASHES) {
            String known = HASHES.get(data);
            if (known != null) {
                return known;
            }
        }
        String hash = sha256(data);
        synchronized (HASHES) {
            HASHES.put(data, hash);
        }
        return hash;
    }

    private static String sha256(DataSet data) {
        MessageDigest sha256 = sha256();
        ByteBuffer bytes = ByteBuffer.allocate(Integer.BYTES + Double.BYTES * data.dimension());
        bytes.putInt(data.size()).putInt(data.dimension());
        sha256.update(bytes.array(), 0, bytes.position());
        for (int n = 0; n < data.size(); n++) {
            bytes.clear();
            bytes.putInt(data.label(n));
            for (double feature : data.point(n)) {
                bytes.putDouble(feature + 0.0);
            }
            sha256.update(bytes.array(), 0, bytes.position());
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static boolean isLibsvm(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        String uncompressed = isGzip(file) ? name.substring(0, name.length() - GZIP.length()) : name;
        return uncompressed.endsWith(".svm") || uncompressed.endsWith(".libsvm");
    }

    private static boolean isGzip(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(GZIP);
    }
}
