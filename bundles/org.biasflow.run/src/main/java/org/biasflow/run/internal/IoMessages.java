package org.biasflow.run.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** The reason of an I/O failure in words: permission, not a folder, disk full, and so on. */
final class IoMessages {

    private IoMessages() {
    }

    static String describe(IOException e) {
        String detail = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage();
        String lower = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return "permission denied" + where(e);
        }
        if (e instanceof NotDirectoryException || lower.contains("not a directory")) {
            return "not a folder" + where(e);
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way" + where(e);
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder" + where(e);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty" + where(e);
        }
        if (lower.contains("no space left")) {
            return "the disk is full" + where(e);
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only" + where(e);
        }
        if (lower.contains("disk quota")) {
            return "the disk quota is exceeded" + where(e);
        }
        return detail == null ? e.toString() : detail + where(e);
    }

    private static String where(IOException e) {
        return e instanceof FileSystemException fs && fs.getFile() != null ? " (" + fs.getFile() + ")" : "";
    }
}
