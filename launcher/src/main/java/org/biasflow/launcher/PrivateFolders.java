package org.biasflow.launcher;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Checks that a folder only the current user can write really is one: the launcher runs code from its bundle
 * cache, so a cache another user could write (or point elsewhere with a symbolic link) would let them run code as
 * this user. On file systems without Unix owners and modes only the symbolic-link test applies.
 */
final class PrivateFolders {
    private static final LinkOption[] NO_FOLLOW = { LinkOption.NOFOLLOW_LINKS };
    private static final int GROUP_OR_OTHERS = 0077;
    private static final int WRITABLE_BY_GROUP_OR_OTHERS = 0022;
    private static final int STICKY = 01000;
    private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final Integer UID = currentUid();

    private PrivateFolders() {
    }

    /** Owner-only permissions for the folders the launcher creates. */
    static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> rwx = PosixFilePermissions.fromString("rwx------");
        return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(rwx) };
    }

    /**
     * Why {@code folder} is not a private folder of the current user (a real folder, not a link, owned by this user,
     * with no permission for group or others), or {@code null} when it is one.
     */
    static String distrust(Path folder) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class, NO_FOLLOW);
        if (attributes.isSymbolicLink()) {
            return "it is a symbolic link (to " + Files.readSymbolicLink(folder) + ")";
        }
        if (!attributes.isDirectory()) {
            return "it is not a folder";
        }
        if (!UNIX || UID == null) {
            return null;
        }
        int owner = (Integer) Files.getAttribute(folder, "unix:uid", NO_FOLLOW);
        if (owner != UID) {
            return "it belongs to " + ownerName(folder) + " (uid " + owner + "), not to you (uid " + UID + ")";
        }
        int mode = (Integer) Files.getAttribute(folder, "unix:mode", NO_FOLLOW);
        if ((mode & GROUP_OR_OTHERS) != 0) {
            return "its permissions are " + permissions(mode) + ", not owner-only (rwx------)";
        }
        return null;
    }

    /** Whether the folder is this user's (whatever its permissions): only then may the launcher repair it. */
    static boolean isOwnFolder(Path folder) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class, NO_FOLLOW);
        return attributes.isDirectory() && !attributes.isSymbolicLink()
                && (!UNIX || UID == null || (Integer) Files.getAttribute(folder, "unix:uid", NO_FOLLOW) == UID.intValue());
    }

    /**
     * Why someone else could replace what lies below {@code folder} (one of its folders, links resolved, belongs to a
     * user other than this one or root, or is writable by others without the sticky bit of /tmp), or {@code null}.
     */
    static String distrustAncestors(Path folder) throws IOException {
        if (!UNIX || UID == null) {
            return null;
        }
        for (Path path = folder.toRealPath(); path != null; path = path.getParent()) {
            int owner = (Integer) Files.getAttribute(path, "unix:uid", NO_FOLLOW);
            if (owner != UID && owner != 0) {
                return path + " belongs to " + ownerName(path) + " (uid " + owner + ")";
            }
            int mode = (Integer) Files.getAttribute(path, "unix:mode", NO_FOLLOW);
            if ((mode & WRITABLE_BY_GROUP_OR_OTHERS) != 0 && (mode & STICKY) == 0) {
                return path + " is writable by others (" + permissions(mode) + ")";
            }
        }
        return null;
    }

    /** The current user's numeric id, or {@code null} where there is none to read. */
    static Integer uid() {
        return UID;
    }

    private static Integer currentUid() {
        if (!UNIX) {
            return null;
        }
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            try {
                Path probe = Files.createTempFile("biasflow-uid-", "");
                try {
                    return (Integer) Files.getAttribute(probe, "unix:uid");
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException | RuntimeException again) {
                return null;
            }
        }
    }

    private static String ownerName(Path path) {
        try {
            return Files.getOwner(path, NO_FOLLOW).getName();
        } catch (IOException e) {
            return "another user";
        }
    }

    static String permissions(int mode) {
        StringBuilder text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return text.toString();
    }
}
