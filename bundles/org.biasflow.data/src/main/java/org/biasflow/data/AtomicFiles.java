package org.biasflow.data;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Writes files so that readers see either the old content or the complete new content, never a partial file.
 *
 * <p>The content goes to a hidden temporary file in the target's directory, is forced to disk, and is then
 * renamed over the target in one atomic step. When anything fails the temporary file is deleted and an existing
 * target is left as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code content} as UTF-8 to {@code file}, creating its parent directories. */
    public static void write(Path file, String content) throws IOException {
        write(file, writer -> writer.write(content));
    }

    /**
     * Lets {@code content} write the new content of {@code file} as UTF-8, creating its parent directories.
     *
     * @throws IOException when writing or renaming fails; an exception thrown by {@code content} propagates as is
     */
    public static void write(Path file, IOConsumer<? super Writer> content) throws IOException {
        write(file, false, content);
    }

    /** As {@link #write(Path, IOConsumer)}, the UTF-8 text gzip-compressed. */
    public static void writeGzipped(Path file, IOConsumer<? super Writer> content) throws IOException {
        write(file, true, content);
    }

    private static void write(Path file, boolean gzipped, IOConsumer<? super Writer> content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        // Not Files.createTempFile: it makes the file readable by its owner only, and the rename would pass that on.
        Path temporary = Files.createFile(directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            // java.io, not a FileChannel: a channel used by an interrupted thread closes itself, and a run cancelled
            // by Ctrl-C, bf:cancel or a shutdown is interrupted, possibly again, while it writes its record
            try (FileOutputStream stream = new FileOutputStream(temporary.toFile());
                    OutputStream compressed = gzipped ? new GZIPOutputStream(stream, 1 << 16) : stream;
                    Writer writer = new BufferedWriter(new OutputStreamWriter(compressed, StandardCharsets.UTF_8))) {
                content.accept(writer);
                writer.flush();
                if (compressed instanceof GZIPOutputStream gzip) {
                    gzip.finish();
                }
                stream.getFD().sync();
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
            throw failure;
        }
    }
}
