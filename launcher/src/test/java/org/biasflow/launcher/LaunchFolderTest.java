package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which launch folders a launch removes: only this user's, only those whose lock no running launch holds. */
class LaunchFolderTest {
    @TempDir
    Path temp;

    private Path launchFolder(String name, boolean withLock) throws IOException {
        Path folder = Files.createDirectory(temp.resolve(LaunchFolder.PREFIX + name));
        Files.createDirectory(folder.resolve("configuration"));
        if (withLock) {
            Files.createFile(folder.resolve(LaunchFolder.LOCK));
        }
        return folder;
    }

    @Test
    void aFolderWhoseLockNobodyHoldsIsRemoved() throws IOException {
        Path abandoned = launchFolder("abandoned", true);

        LaunchFolder.removeAbandoned(temp);

        assertFalse(Files.exists(abandoned, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aFolderWhoseLockIsHeldStays() throws IOException {
        Path running = launchFolder("running", true);
        try (FileChannel channel = FileChannel.open(running.resolve(LaunchFolder.LOCK), StandardOpenOption.WRITE);
                var held = channel.lock()) {
            LaunchFolder.removeAbandoned(temp);

            assertTrue(Files.isRegularFile(running.resolve(LaunchFolder.LOCK)));
        }
    }

    /** An earlier version's folder, or one being made, has no lock file yet: it cannot be told from a live one. */
    @Test
    void aFolderWithoutALockFileStays() throws IOException {
        Path unlocked = launchFolder("unlocked", false);

        LaunchFolder.removeAbandoned(temp);

        assertTrue(Files.isDirectory(unlocked.resolve("configuration")));
    }

    /** A link planted under a launch folder's name is not followed into what it points to. */
    @Test
    void aLinkNamedLikeALaunchFolderIsLeftAndItsTargetUntouched() throws IOException {
        Path target = Files.createDirectory(temp.resolve("precious"));
        Files.createFile(target.resolve(LaunchFolder.LOCK));
        Files.writeString(target.resolve("data.csv"), "y,x1\n1,2\n");
        Path link = Files.createSymbolicLink(temp.resolve(LaunchFolder.PREFIX + "planted"), target);

        LaunchFolder.removeAbandoned(temp);

        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.isRegularFile(target.resolve("data.csv")));
    }

    @Test
    void aLaunchFolderHoldsItsLockUntilClosedAndIsThenRemoved() throws IOException {
        Path path;
        try (LaunchFolder own = LaunchFolder.create()) {
            path = own.path;
            assertTrue(Files.isRegularFile(path.resolve(LaunchFolder.LOCK)));
            LaunchFolder.removeAbandoned(path.getParent());
            assertTrue(Files.isDirectory(path), "a live launch's folder was taken for abandoned");
        }
        assertFalse(Files.exists(path));
    }
}
