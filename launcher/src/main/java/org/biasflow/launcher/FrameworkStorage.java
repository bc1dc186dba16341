package org.biasflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The framework's bundle cache. Installing the bundle set is a third of start-up, so the launcher keeps one cache
 * per bundle set (named by its fingerprint) in the temp folder and reuses it when it is complete and no other
 * launcher holds it; otherwise a private cache is made and removed on exit.
 */
final class FrameworkStorage implements AutoCloseable {
    private static final String COMPLETE = "biasflow-complete";

    final Path folder;
    private final FileChannel lockFile;
    private final FileLock lock;

    private FrameworkStorage(Path folder, FileChannel lockFile, FileLock lock) {
        this.folder = folder;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** The shared cache of this bundle set if it is free, else a private one. */
    static FrameworkStorage reusable(PackedBundles bundles) {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"),
                "biasflow-framework-" + System.getProperty("user.name") + "-" + bundles.fingerprint());
        try {
            FileChannel channel = FileChannel.open(folder.resolveSibling(folder.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new FrameworkStorage(folder, channel, lock);
            }
            channel.close();
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            // another launcher in this JVM or on this machine holds it: fall through to a private cache
        }
        return temporary();
    }

    static FrameworkStorage temporary() {
        try {
            return new FrameworkStorage(Files.createTempDirectory("biasflow-framework-"), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether an earlier launch installed the whole bundle set here. */
    boolean isComplete() {
        return lock != null && Files.exists(folder.resolve(COMPLETE));
    }

    void markComplete() {
        if (lock != null) {
            try {
                Files.writeString(folder.resolve(COMPLETE), "");
            } catch (IOException e) {
                // the next launch installs the bundles again: slower, not wrong
            }
        }
    }

    @Override
    public void close() {
        try {
            if (lock == null) {
                deleteQuietly(folder);
            } else {
                lock.release();
                lockFile.close();
            }
        } catch (IOException e) {
            // the lock dies with the process anyway
        }
    }

    static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover folder in the temp area is untidy, not wrong
        }
    }
}
