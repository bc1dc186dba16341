package org.biasflow.data;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
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
    private static final String TEMPORARY = ".tmp";
    /** Names the writers of this boot of this machine; null where the system does not say which boot it is. */
    private static final Boot WRITER = Boot.current();

    private AtomicFiles() {
    }

    /**
     * A boot of a machine, by the identifier Linux gives it: a temporary file whose name holds it and a process id was
     * written by that process of this machine, whatever file system it is on (another machine's, over a shared one,
     * has another boot).
     */
    private record Boot(String id) {
        static Boot current() {
            try {
                String id = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
                return id.length() >= 8 ? new Boot(id.substring(0, 8)) : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** How the name of a temporary file for {@code target} begins, before its writer's process id. */
        String prefix(Path target) {
            return "." + target.getFileName() + "." + id + "-";
        }
    }

    /**
     * Removes the temporary files for {@code target} left by writers of this machine that no longer run: killed
     * (SIGKILL, the kernel's out-of-memory killer) in the middle of a write, as a data set of hundreds of MB can be,
     * they could not remove their own. A writer still running, or one of another machine, keeps its file.
     */
    private static void removeAbandoned(Path directory, Path target) {
        if (WRITER == null) {
            return;
        }
        String prefix = WRITER.prefix(target);
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int end = name.indexOf('-', prefix.length());
                boolean abandoned = name.endsWith(TEMPORARY) && end > prefix.length()
                        && !running(name.substring(prefix.length(), end));
                if (abandoned) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // what cannot be listed or removed stays; the write itself goes on and says what is wrong if it fails
        }
    }

    /** A hidden name beside {@code target}, naming this writer where the system lets it ({@link Boot}). */
    private static String temporaryName(Path target) {
        String unique = UUID.randomUUID().toString();
        return (WRITER == null ? "." + target.getFileName() + "." + unique
                : WRITER.prefix(target) + ProcessHandle.current().pid() + "-" + unique.substring(0, 8)) + TEMPORARY;
    }

    private static boolean running(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
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
        write(file, false, true, content);
    }

    /** As {@link #write(Path, IOConsumer)}, the UTF-8 text gzip-compressed. */
    public static void writeGzipped(Path file, IOConsumer<? super Writer> content) throws IOException {
        write(file, true, true, content);
    }

    /** As {@link #writeNew(Path, boolean, IOConsumer)}, for text. */
    public static void writeNew(Path file, String content) throws IOException {
        writeNew(file, false, writer -> writer.write(content));
    }

    /**
     * As {@link #write(Path, IOConsumer)}, gzip-compressed when asked, but never in place of an existing file, even
     * one another process created while the content was written: two commands that each checked that their output
     * did not exist must not both write it.
     *
     * @throws FileAlreadyExistsException when {@code file} exists once the content is complete; nothing is written
     */
    public static void writeNew(Path file, boolean gzipped, IOConsumer<? super Writer> content) throws IOException {
        write(file, gzipped, false, content);
    }

    private static void write(Path file, boolean gzipped, boolean replace, IOConsumer<? super Writer> content)
            throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        removeAbandoned(directory, target);
        // Not Files.createTempFile: it makes the file readable by its owner only, and the rename would pass that on.
        Path temporary = Files.createFile(directory.resolve(temporaryName(target)));
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
            if (replace) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else if (!moveUnlessTaken(temporary, target)) {
                throw new FileAlreadyExistsException(file.toString());
            }
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
            throw failure;
        }
    }

    /**
     * Gives {@code temporary} the name {@code target} unless that name exists: a hard link, which the system refuses
     * atomically when the name is taken, then the temporary name removed. Where links are not supported, a check
     * and a rename, which leave a moment between them.
     *
     * @return false when the name was taken; {@code temporary} is then left for the caller to remove
     */
    private static boolean moveUnlessTaken(Path temporary, Path target) throws IOException {
        try {
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException linksUnsupported) {
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        Files.delete(temporary);
        return true;
    }
}
