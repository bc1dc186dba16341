package org.biasflow.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The reason an I/O operation failed, in words a user acts on: permission, a file in the way of a folder, a full
 * or read-only disk (named by its file system), a missing file. Java's exceptions often carry only the path.
 */
public final class IoProblems {
    private IoProblems() {
    }

    /** "cannot write FILE: REASON" for a failure while writing {@code file}. */
    public static String cannotWrite(Path file, IOException failure) {
        return "cannot write " + file + ": " + reason(failure, file.toString());
    }

    /** Why {@code failure} happened, naming the path it concerns. */
    public static String reason(IOException failure) {
        return reason(failure, null);
    }

    /** Why {@code failure} happened; {@code fallback} is the path meant when the exception names none. */
    private static String reason(IOException failure, String fallback) {
        String path = failure instanceof FileSystemException system && system.getFile() != null ? system.getFile()
                : fallback;
        String detail = failure instanceof FileSystemException system ? String.valueOf(system.getReason())
                : String.valueOf(failure.getMessage());
        if (failure instanceof AccessDeniedException) {
            return "permission denied on " + path;
        }
        if (failure instanceof FileAlreadyExistsException || failure instanceof NotDirectoryException
                || detail.contains("Not a directory")) {
            return path + " is in the way: it exists and is not a folder";
        }
        if (failure instanceof NoSuchFileException) {
            return path + " does not exist";
        }
        if (detail.contains("No space left") || detail.contains("Disk quota exceeded")) {
            return "the disk is full (" + detail + ") on " + fileSystem(path);
        }
        if (detail.contains("Read-only file system")) {
            return "the file system is read-only: " + fileSystem(path);
        }
        return failure instanceof FileSystemException ? (path == null ? "" : path + ": ") + detail
                : String.valueOf(failure.getMessage());
    }

    /** The file system holding {@code path} (or its nearest existing ancestor), as the JDK names it. */
    private static String fileSystem(String path) {
        if (path == null) {
            return "the output's file system";
        }
        Path existing = Path.of(path).toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? path : "the file system " + Files.getFileStore(existing) + " holding " + path;
        } catch (IOException e) {
            return path;
        }
    }
}
