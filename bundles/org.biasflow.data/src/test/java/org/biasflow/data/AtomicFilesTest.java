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

import org.junit.jupiter.api.Assumptions;
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

    /**
     * A writer killed in the middle of a write (SIGKILL, the out-of-memory killer) cannot remove its temporary file;
     * the next write of the same file removes it, and only it: not a running writer's, not another machine's, not
     * another file's.
     */
    @Test
    void theNextWriteRemovesTheTemporaryFileOfAWriterThatDied() throws IOException, InterruptedException {
        Path bootId = Path.of("/proc/sys/kernel/random/boot_id");
        Assumptions.assumeTrue(Files.isReadable(bootId), "the system does not say which boot it is");
        String boot = Files.readString(bootId).strip().substring(0, 8);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        long alive = ProcessHandle.current().pid();
        Path abandoned = Files.writeString(directory.resolve(".result.txt." + boot + "-" + dead + "-0badf00d.tmp"),
                "half");
        List<Path> kept = List.of(
                Files.writeString(directory.resolve(".result.txt." + boot + "-" + alive + "-0badf00d.tmp"), "running"),
                Files.writeString(directory.resolve(".result.txt." + otherThan(boot) + "-" + dead + "-0badf00d.tmp"),
                        "another machine's"),
                Files.writeString(directory.resolve(".other.txt." + boot + "-" + dead + "-0badf00d.tmp"),
                        "another file's"));
        Path file = directory.resolve("result.txt");
        List<String> during = new java.util.ArrayList<>();

        AtomicFiles.write(file, writer -> {
            try (Stream<Path> entries = Files.list(directory)) {
                entries.map(entry -> entry.getFileName().toString()).forEach(during::add);
            }
            writer.write("whole");
        });

        assertEquals("whole", Files.readString(file));
        assertTrue(Files.notExists(abandoned), "the dead writer's temporary file is removed");
        for (Path path : kept) {
            assertTrue(Files.exists(path), path + " is kept");
        }
        assertTrue(during.stream().anyMatch(name -> name.startsWith(".result.txt." + boot + "-" + alive + "-")
                && name.endsWith(".tmp")), "a temporary file names its writer: " + during);
    }

    private static String otherThan(String boot) {
        return boot.equals("00000000") ? "11111111" : "00000000";
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
    void aNewFileIsWrittenOnlyWhereNoneIsWhenItsContentIsComplete() throws IOException {
        Path file = directory.resolve("data.csv");
        AtomicFiles.writeNew(file, "first\n");
        assertEquals("first\n", Files.readString(file));

        var taken = assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> AtomicFiles.writeNew(file, "second\n"));
        assertEquals(file.toString(), taken.getFile(), "the file as named");
        assertEquals("first\n", Files.readString(file));

        Path raced = directory.resolve("raced.csv.gz");
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> AtomicFiles.writeNew(raced, true, writer -> {
            writer.write("this command's content");
            Files.writeString(raced, "another command's, written meanwhile");
        }));
        assertEquals("another command's, written meanwhile", Files.readString(raced));
        assertEquals(java.util.Set.of(file, raced), java.util.Set.copyOf(filesIn(directory)), "no temporary file is left");
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
