package org.biasflow.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import org.biasflow.api.DataSet;
import org.biasflow.data.internal.CsvFormat;
import org.biasflow.data.internal.DataLines;
import org.biasflow.data.internal.LibsvmFormat;

/**
 * Data files: LIBSVM for names ending {@code .svm} or {@code .libsvm} (in any case), CSV for every other name.
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
     * Reads a data set as {@link #read} does, and says which header line, if any, was skipped.
     *
     * @throws DataFormatException as {@link #read}
     */
    public static LoadedData load(Path file) {
        DataLines lines = DataLines.read(file);
        DataSet data = isLibsvm(file) ? LibsvmFormat.read(lines) : CsvFormat.read(lines);
        return new LoadedData(data, lines.header());
    }

    /**
     * Writes {@code data} atomically in the format {@link #read} chooses for the name, so that reading it back gives
     * the same points, labels (as −1/+1) and dimension, every double exact. CSV gets a header {@code y,x1,...,xd}.
     */
    public static void write(Path file, DataSet data) throws IOException {
        AtomicFiles.write(file, writer -> {
            if (isLibsvm(file)) {
                LibsvmFormat.write(data, writer);
            } else {
                CsvFormat.write(data, writer);
            }
        });
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
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
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
        return name.endsWith(".svm") || name.endsWith(".libsvm");
    }
}
