package org.biasflow.chart.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces a group of files only once every one of them has been written in full: each content goes to a hidden
 * temporary file beside its target and is forced to disk, then each is renamed over its target atomically.
 *
 * <p>Binary and multi-file, which is why this is not {@code org.biasflow.data.AtomicFiles} (text, one file): that
 * would also make this bundle import more than the JRE.
 */
public final class StagedFiles {
    public record Content(Path file, byte[] bytes) {
        public Content {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    private StagedFiles() {
    }

    public static void replaceTogether(List<Content> contents) throws IOException {
        Set<Path> targets = new HashSet<>();
        for (Content content : contents) {
            if (!targets.add(content.file().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the file " + content.file() + " is named twice");
            }
        }
        List<Path> temporaries = new ArrayList<>();
        try {
            for (Content content : contents) {
                Path temporary = createTemporaryBeside(content.file());
                temporaries.add(temporary);
                writeToDisk(temporary, content.bytes());
            }
            for (int i = 0; i < contents.size(); i++) {
                Files.move(temporaries.get(i), contents.get(i).file().toAbsolutePath(),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable failure) {
            for (Path temporary : temporaries) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException cleanupFailure) {
                    failure.addSuppressed(cleanupFailure);
                }
            }
            throw failure;
        }
    }

    private static Path createTemporaryBeside(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        // Not Files.createTempFile: it makes the file readable by its owner only, and the rename would pass that on.
        return Files.createFile(directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"));
    }

    private static void writeToDisk(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }
}
