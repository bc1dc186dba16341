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

    @Test
    void permissionAndReadOnlyFileSystemsAreSaidSo() {
        assertEquals("permission denied on /x", IoProblems.reason(new java.nio.file.AccessDeniedException("/x")));
        assertTrue(IoProblems.reason(new FileSystemException("/x", null, "Read-only file system"))
                .startsWith("the file system is read-only"));
    }
}
