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
    /** How a reason begins when the disk is full, so that advice can follow it: room, not a repair, is wanted. */
    public static final String DISK_FULL = "the disk is full";

    private IoProblems() {
    }

    /** "cannot write FILE: REASON" for a failure while writing {@code file}. */
    public static String cannotWrite(Path file, IOException failure) {
        return cannot("write", file, failure);
    }

    /**
     * "cannot ACTION SUBJECT: REASON" for a failure while acting on {@code subject}. The reason does not name the
     * subject a second time when the failure concerns it (a path of 300 characters said twice hides the reason), and
     * names the path the failure concerns when that is another, such as a file in the way of a folder above it.
     */
    public static String cannot(String action, Path subject, IOException failure) {
        return "cannot " + action + " " + subject + ": " + reason(failure, subject);
    }

    /** Why {@code failure} happened, naming the path it concerns. */
    public static String reason(IOException failure) {
        return reason(failure, null);
    }

    /**
     * Why {@code failure} happened while acting on {@code subject}: the path it concerns is named only when it is
     * another.
     */
    public static String reason(IOException failure, Path subject) {
        String named = failure instanceof FileSystemException system ? system.getFile() : null;
        String path = named != null ? named : subject == null ? null : subject.toString();
        boolean isSubject = subject != null && (named == null || concerns(named, subject));
        String detail = failure instanceof FileSystemException system ? String.valueOf(system.getReason())
                : String.valueOf(failure.getMessage());
        if (failure instanceof java.nio.charset.CharacterCodingException) {
            return (isSubject ? "it" : path) + " is not UTF-8 text";
        }
        if (failure instanceof AccessDeniedException) {
            return isSubject ? "permission denied" : "permission denied on " + path;
        }
        if (failure instanceof FileAlreadyExistsException || failure instanceof NotDirectoryException) {
            return (isSubject ? "it" : path) + " is in the way: it exists and is not a folder";
        }
        if (detail.contains("Not a directory")) {
            String file = fileAbove(path);
            return (file == null ? path : file) + " is in the way: it exists and is not a folder";
        }
        if (failure instanceof NoSuchFileException) {
            return (isSubject ? "it" : path) + " does not exist";
        }
        if (detail.contains("No space left") || detail.contains("Disk quota exceeded")) {
            return DISK_FULL + " (" + detail + ") on " + fileSystem(path);
        }
        if (detail.contains("Read-only file system")) {
            return "the file system is read-only: " + fileSystem(path);
        }
        if (!(failure instanceof FileSystemException)) {
            return String.valueOf(failure.getMessage());
        }
        return path == null || isSubject ? detail : path + ": " + detail;
    }

    /** The nearest existing ancestor of {@code path} that is not a folder (the system only says one is), or null. */
    private static String fileAbove(String path) {
        try {
            for (Path above = Path.of(path).getParent(); above != null; above = above.getParent()) {
                if (Files.exists(above)) {
                    return Files.isDirectory(above) ? null : above.toString();
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        return null;
    }

    /** Whether the path an exception names is {@code subject}, as given or made absolute. */
    private static boolean concerns(String named, Path subject) {
        if (named.equals(subject.toString())) {
            return true;
        }
        try {
            return Path.of(named).toAbsolutePath().normalize().equals(subject.toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
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
