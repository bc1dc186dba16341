package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O failures explained by their reason, not only by the path Java names. */
class IoProblemsTest {

    @TempDir
    Path folder;

    @Test
    void aFileInTheWayOfAnOutputFolderIsNamed() throws IOException {
        Path file = Files.writeString(folder.resolve("o"), "a file");

        IOException failure = assertThrows(IOException.class,
                () -> AtomicFiles.write(file.resolve("run.json"), "{}"));
        String message = IoProblems.cannotWrite(file.resolve("run.json"), failure);
        assertTrue(message.contains(file + " is in the way: it exists and is not a folder"), message);
    }

    @Test
    void aFullDiskNamesItsFileSystem() {
        String reason = IoProblems.reason(new FileSystemException(folder.resolve("checkpoints.csv").toString(), null,
                "No space left on device"));

        assertTrue(reason.startsWith("the disk is full (No space left on device) on the file system "), reason);
        assertTrue(reason.endsWith("holding " + folder.resolve("checkpoints.csv")), reason);
    }

    @Test
    void aFullDiskReportedWithoutAPathIsNamedByTheFileWritten() {
        String message = IoProblems.cannotWrite(folder.resolve("checkpoints.csv"),
                new IOException("No space left on device"));

        assertTrue(message.contains("the disk is full") && message.contains("holding " + folder), message);
    }

    /** A path of hundreds of characters said twice hides the reason, so the subject is named once. */
    @Test
    void theSubjectOfAFailureIsNamedOnce() {
        Path long300 = folder.resolve("d".repeat(300));
        String message = IoProblems.cannot("create the folder", long300,
                new FileSystemException(long300.toString(), null, "File name too long"));

        assertEquals("cannot create the folder " + long300 + ": File name too long", message);
        assertEquals("cannot write /x: permission denied",
                IoProblems.cannotWrite(Path.of("/x"), new java.nio.file.AccessDeniedException("/x")));
        assertEquals("cannot read x.csv: it does not exist",
                IoProblems.cannot("read", Path.of("x.csv"), new java.nio.file.NoSuchFileException("x.csv")));
        assertEquals("permission denied", IoProblems.reason(new java.nio.file.AccessDeniedException("secret.csv"),
                Path.of("secret.csv")));
        assertEquals("it is not UTF-8 text", IoProblems.reason(new java.nio.charset.MalformedInputException(1),
                Path.of("latin1.csv")));
    }

    @Test
    void aPathOtherThanTheSubjectIsStillNamed() {
        String message = IoProblems.cannot("read", folder, new FileSystemException(folder.resolve("runs").toString(),
                null, "Input/output error"));

        assertEquals("cannot read " + folder + ": " + folder.resolve("runs") + ": Input/output error", message);
    }

    /** The system says only "Not a directory" of the file written; the file in the way is one of its folders. */
    @Test
    void aFileInTheWayOfAFolderAboveIsNamed() throws IOException {
        Path file = Files.writeString(folder.resolve("o"), "a file");
        Path written = file.resolve("runs").resolve("run.json");

        IOException failure = assertThrows(IOException.class, () -> Files.writeString(written, "{}"));

        assertEquals("cannot write " + written + ": " + file + " is in the way: it exists and is not a folder",
                IoProblems.cannotWrite(written, failure));
    }

    @Test
    void permissionAndReadOnlyFileSystemsAreSaidSo() {
        assertEquals("permission denied on /x", IoProblems.reason(new java.nio.file.AccessDeniedException("/x")));
        assertTrue(IoProblems.reason(new FileSystemException("/x", null, "Read-only file system"))
                .startsWith("the file system is read-only"));
    }
}
