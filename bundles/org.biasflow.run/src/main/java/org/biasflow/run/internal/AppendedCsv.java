package org.biasflow.run.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import org.biasflow.data.IoProblems;

/**
 * A CSV file that grows by whole records: the header is written once, and each record (the row of a checkpoint, or
 * the rows of its points) is appended with a single write, so a run stopped at any moment (kill -9 included) leaves
 * a file of whole records, each written in 0.1 ms instead of a rewrite of every row before it. A record whose write
 * failed (a full disk) is cut off again, so the file holds exactly the records {@link #records()} counts. The content reaches the disk ({@code fsync}) at most once a second and
 * on {@link #close}.
 *
 * <p>{@code java.io} streams, unlike NIO channels, are not closed by an interrupt of the writing thread.
 */
final class AppendedCsv implements AutoCloseable {

    private static final long SYNC_NANOS = 1_000_000_000L;

    private final Path file;
    private final FileOutputStream out;
    /** The file's identity on disk (inode and device on Linux) when opened; null where the file system has none. */
    private final Object identity;
    private long length;
    private int records;
    private long lastSync = System.nanoTime();

    /** Creates (or empties) {@code file} and writes the header. */
    AppendedCsv(Path file, String header) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = new FileOutputStream(file.toFile(), false);
        try {
            identity = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            write(header.endsWith("\n") ? header : header + "\n");
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Null when the file on disk is the one this wrote, with every byte; otherwise what became of it. Writes to a
     * file removed (or its folder) while open succeed, into a file no one can read any more, and so does a run that
     * goes on writing after its folder was replaced.
     */
    String lost() {
        try {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            if (identity != null && !identity.equals(now.fileKey())) {
                return "was replaced by another file while the run wrote it";
            }
            return now.size() < length ? "holds " + now.size() + " of the " + length + " bytes the run wrote" : null;
        } catch (NoSuchFileException e) {
            return "was removed while the run wrote it";
        } catch (IOException e) {
            return "cannot be read back: " + IoProblems.reason(e);
        }
    }

    /** Appends one record: one or more whole lines, each ending with a line end. */
    void append(CharSequence lines) throws IOException {
        write(lines.toString());
        records++;
        if (System.nanoTime() - lastSync >= SYNC_NANOS) {
            out.getFD().sync();
            lastSync = System.nanoTime();
        }
    }

    private void write(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
            length += bytes.length;
        } catch (IOException e) {
            try (RandomAccessFile cut = new RandomAccessFile(file.toFile(), "rw")) {
                cut.setLength(length);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /** The records on disk, not counting the header. */
    int records() {
        return records;
    }

    Path file() {
        return file;
    }

    /** Forces the file to disk and closes it. */
    @Override
    public void close() throws IOException {
        try {
            out.getFD().sync();
        } finally {
            out.close();
        }
    }
}
