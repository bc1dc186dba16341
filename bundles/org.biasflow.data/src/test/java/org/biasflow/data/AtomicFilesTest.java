package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path directory;

    @Test
    void writesContentAndCreatesParentDirectories() throws IOException {
        Path file = directory.resolve("runs/one/result.txt");

        AtomicFiles.write(file, "first\nsecond ∞\n");

        assertEquals("first\nsecond ∞\n", Files.readString(file));
        assertEquals(List.of(file), filesIn(file.getParent()));
    }

    /** A run cancelled by Ctrl-C, bf:cancel or a shutdown writes its record from an interrupted thread. */
    @Test
    void anInterruptedThreadWritesTheWholeFileAndStaysInterrupted() throws IOException {
        Path file = directory.resolve("run.json");
        Thread.currentThread().interrupt();
        try {
            AtomicFiles.write(file, writer -> {
                writer.write("first half, ");
                Thread.currentThread().interrupt(); // interrupted again while writing
                writer.write("second half");
            });
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the caller");
        } finally {
            Thread.interrupted();
        }
        assertEquals("first half, second half", Files.readString(file));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = directory.resolve("result.txt");
        Files.writeString(file, "old content that is longer than the new one");

        AtomicFiles.write(file, writer -> writer.write("new"));

        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), filesIn(directory));
    }

    @Test
    void keepsTheOldFileAndNoTemporaryFileWhenTheWriterThrows() throws IOException {
        Path file = directory.resolve("result.txt");
        Files.writeString(file, "old");
        IllegalStateException failure = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, writer -> {
            writer.write("half of the new content");
            writer.flush();
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), filesIn(directory));
    }

    @Test
    void leavesNoFileWhenTheWriterThrowsAnIOExceptionAndThereWasNoneBefore() throws IOException {
        Path file = directory.resolve("result.txt");

        assertThrows(IOException.class, () -> AtomicFiles.write(file, writer -> {
            throw new IOException("disk full");
        }));

        assertEquals(List.of(), filesIn(directory));
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
