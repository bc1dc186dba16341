package org.biasflow.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The folder of one launch in the temp folder: the configuration of the launch and the empty folder watched when no
 * drop-in folder serves. It holds a file locked for as long as the launch lives, so that a later launch can remove
 * the folders of launches that could not remove their own (killed with SIGKILL, a power cut): before, every such
 * launch left a folder in the temp folder for good.
 */
final class LaunchFolder implements AutoCloseable {
    static final String PREFIX = "biasflow-launch-";
    /** The lock file; it appears under this name only once locked, so a folder without it is never taken for dead. */
    static final String LOCK = "launch.lock";

    final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private LaunchFolder(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Removes the folders of launches that ended without removing theirs, then makes this launch's own. */
    static LaunchFolder create() throws IOException {
        removeAbandoned(Path.of(System.getProperty("java.io.tmpdir")));
        // createTempDirectory gives owner-only permissions and a name nobody can guess
        Path path = Files.createTempDirectory(PREFIX);
        FileChannel channel = null;
        try {
            Path unnamed = path.resolve(LOCK + ".new");
            channel = FileChannel.open(unnamed, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            // a POSIX lock belongs to the file, not its name: renamed, the lock file is never seen unlocked
            Files.move(unnamed, path.resolve(LOCK), StandardCopyOption.ATOMIC_MOVE);
            return new LaunchFolder(path, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            FrameworkStorage.deleteQuietly(path);
            throw e;
        }
    }

    /**
     * Removes each folder of this user's launches in {@code temp} whose lock file no running launch holds. Folders
     * without a lock file (made by an earlier version, or being made) and other users' folders are left alone.
     */
    static void removeAbandoned(Path temp) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path folder : entries) {
                removeIfAbandoned(folder);
            }
        } catch (IOException | RuntimeException e) {
            // tidying is not the launch's purpose: a folder left stays for the next launch to try
        }
    }

    private static void removeIfAbandoned(Path folder) {
        try {
            Path lockPath = folder.resolve(LOCK);
            if (PrivateFolders.isOwnFolder(folder) && Files.isRegularFile(lockPath, LinkOption.NOFOLLOW_LINKS)) {
                FrameworkStorage.removeUnlessLocked(folder, lockPath);
            }
        } catch (IOException | SecurityException e) {
            // not ours to remove: it stays
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock ends with the process anyway
        }
        FrameworkStorage.deleteQuietly(path);
    }
}
