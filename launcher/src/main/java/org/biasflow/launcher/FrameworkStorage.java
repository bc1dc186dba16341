package org.biasflow.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The framework's bundle cache. Installing the bundle set is a third of start-up, so the launcher keeps one cache
 * per bundle set (named by its fingerprint) and reuses it when it is complete and no other launcher holds it;
 * otherwise a private cache is made and removed on exit.
 *
 * <p>The framework runs the code it finds in its cache, so the kept caches live where only this user can write: a
 * folder {@code biasflow} in the user's cache folder ({@code $XDG_CACHE_HOME}, else {@code ~/.cache}), or, where
 * that cannot be had, {@code biasflow-<uid>} in the temp folder. Each launch checks that folder and the cache in it
 * (owned by this user, owner-only permissions, no symbolic links, and no folder above them that others may change)
 * and does not use, or rebuilds, what fails the check.
 */
final class FrameworkStorage implements AutoCloseable {
    private static final String COMPLETE = "biasflow-complete";
    private static final String PREFIX = "framework-";
    /** Caches of other bundle sets (earlier builds) kept beside the current one. */
    private static final int OTHERS_KEPT = 3;
    private static final LinkOption NO_FOLLOW = LinkOption.NOFOLLOW_LINKS;

    final Path folder;
    private final FileChannel lockFile;
    private final FileLock lock;

    private FrameworkStorage(Path folder, FileChannel lockFile, FileLock lock) {
        this.folder = folder;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /** The kept cache of this bundle set if a private place for it can be had and it is free, else a private one. */
    static FrameworkStorage reusable(PackedBundles bundles, Diagnostics diagnostics) {
        String name = PREFIX + bundles.fingerprint();
        for (Path root : roots()) {
            Path secured = secure(root, diagnostics);
            if (secured != null) {
                FrameworkStorage storage = lock(secured, name, diagnostics);
                if (storage != null) {
                    return storage;
                }
                diagnostics.detail("the bundle cache in " + secured + " is in use by another launch: a private one");
                break;
            }
        }
        return temporary();
    }

    static FrameworkStorage temporary() {
        try {
            // createTempDirectory gives owner-only permissions and a name nobody can guess
            return new FrameworkStorage(Files.createTempDirectory("biasflow-framework-"), null, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a bundle cache in the temp folder "
                    + System.getProperty("java.io.tmpdir") + ": " + Diagnostics.reason(e), e);
        }
    }

    /** Where kept caches may live, best first. */
    static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        try {
            String xdg = System.getenv("XDG_CACHE_HOME");
            String home = System.getProperty("user.home");
            if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
                roots.add(Path.of(xdg, "biasflow"));
            } else if (home != null && !home.isBlank() && !home.equals("?")) {
                roots.add(Path.of(home, ".cache", "biasflow"));
            }
        } catch (InvalidPathException e) {
            // an odd variable: the temp folder's place below still serves
        }
        Integer uid = PrivateFolders.uid();
        roots.add(Path.of(System.getProperty("java.io.tmpdir"),
                "biasflow-" + (uid != null ? uid.toString() : System.getProperty("user.name"))));
        return roots;
    }

    /** The root made or found private, or {@code null} when it cannot serve (and why is said where it matters). */
    private static Path secure(Path root, Diagnostics diagnostics) {
        try {
            Path base = root.getParent();
            if (Files.notExists(base)) {
                Files.createDirectories(base, PrivateFolders.ownerOnly());
            }
            String unsafe = PrivateFolders.distrustAncestors(base);
            if (unsafe != null) {
                diagnostics.note("not keeping the bundle cache under " + base + ": " + unsafe
                        + "; starting with a private one (set XDG_CACHE_HOME to a private folder for faster starts)");
                return null;
            }
            try {
                Files.createDirectory(root, PrivateFolders.ownerOnly());
                return root;
            } catch (FileAlreadyExistsException e) {
                // there already: check it below
            }
            String distrust = PrivateFolders.distrust(root);
            if (distrust == null) {
                return root;
            }
            if (PrivateFolders.isOwnFolder(root)) {
                repair(root);
                diagnostics.note("the bundle cache folder " + root + " was not private (" + distrust
                        + "): made it owner-only and removed the caches in it");
                return root;
            }
            diagnostics.note("not using the bundle cache folder " + root + ": " + distrust
                    + "; starting with a private one");
            return null;
        } catch (IOException | UncheckedIOException | UnsupportedOperationException | SecurityException e) {
            diagnostics.detail("no bundle cache under " + root + ": " + Diagnostics.describe(e));
            return null;
        }
    }

    /** Makes this user's root owner-only and removes every cache in it that no running launch holds. */
    private static void repair(Path root) throws IOException {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".lock")) {
                    continue;
                }
                removeUnlessHeld(entry);
            }
        }
    }

    /** Takes the lock of the cache {@code name} in a private root and checks or makes the cache folder. */
    private static FrameworkStorage lock(Path root, String name, Diagnostics diagnostics) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(root.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, NO_FOLLOW);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            Path folder = root.resolve(name);
            if (Files.exists(folder, NO_FOLLOW)) {
                String distrust = PrivateFolders.distrust(folder);
                if (distrust != null) {
                    diagnostics.note("the bundle cache " + folder + " was not safe to use (" + distrust
                            + "): rebuilding it");
                    deleteQuietly(folder);
                }
            }
            if (!Files.exists(folder, NO_FOLLOW)) {
                Files.createDirectory(folder, PrivateFolders.ownerOnly());
            }
            diagnostics.detail("bundle cache " + folder);
            return new FrameworkStorage(folder, channel, lock);
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
            // another launcher in this JVM holds it, or the place does not allow it: a private cache serves
            diagnostics.detail("cannot keep the bundle cache in " + root + ": " + Diagnostics.describe(e));
            closeQuietly(channel);
            return null;
        }
    }

    /** Whether an earlier launch installed the whole bundle set here. */
    boolean isComplete() {
        return lock != null && Files.isRegularFile(folder.resolve(COMPLETE), NO_FOLLOW);
    }

    /** Marks the cache whole (or, when reused, recently used) and removes the oldest caches of other bundle sets. */
    void markComplete() {
        if (lock == null) {
            return;
        }
        try {
            Path marker = folder.resolve(COMPLETE);
            if (Files.isRegularFile(marker, NO_FOLLOW)) {
                Files.setLastModifiedTime(marker, FileTime.fromMillis(System.currentTimeMillis()));
            } else {
                Files.writeString(marker, "");
                pruneOthers();
            }
        } catch (IOException e) {
            // the next launch installs the bundles again: slower, not wrong
        }
    }

    /** Empties the cache so that the bundle set is installed anew (the lock, if any, stays held). */
    void reset() {
        try (Stream<Path> entries = Files.list(folder)) {
            entries.forEach(FrameworkStorage::deleteQuietly);
        } catch (IOException e) {
            throw new IllegalStateException("cannot empty the bundle cache " + folder + ": " + Diagnostics.reason(e),
                    e);
        }
    }

    private void pruneOthers() throws IOException {
        List<Path> others;
        try (Stream<Path> entries = Files.list(folder.getParent())) {
            others = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && !p.equals(folder)
                    && !p.getFileName().toString().endsWith(".lock")).sorted(
                            Comparator.comparing(FrameworkStorage::lastUse).reversed()).toList();
        }
        for (Path old : others.subList(Math.min(OTHERS_KEPT, others.size()), others.size())) {
            removeUnlessHeld(old);
        }
    }

    private static FileTime lastUse(Path cache) {
        try {
            return Files.getLastModifiedTime(cache.resolve(COMPLETE), NO_FOLLOW);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Removes a cache (and its lock file) unless a running launch holds it. */
    private static void removeUnlessHeld(Path cache) {
        removeUnlessLocked(cache, cache.resolveSibling(cache.getFileName() + ".lock"), StandardOpenOption.CREATE);
    }

    /**
     * Removes {@code folder} and {@code lockPath} when the lock on that file can be taken, that is when no running
     * launch holds it; links are neither followed nor opened through.
     *
     * @param options how the lock file is opened besides for writing ({@code CREATE} when it may be missing)
     */
    static void removeUnlessLocked(Path folder, Path lockPath, OpenOption... options) {
        Set<OpenOption> open = new HashSet<>(List.of(options));
        open.add(StandardOpenOption.WRITE);
        open.add(NO_FOLLOW);
        try (FileChannel channel = FileChannel.open(lockPath, open)) {
            FileLock held = channel.tryLock();
            if (held != null) {
                deleteQuietly(folder);
                Files.deleteIfExists(lockPath);
                held.release();
            }
        } catch (IOException | OverlappingFileLockException e) {
            // in use, or not ours to remove: it stays
        }
    }

    @Override
    public void close() {
        if (lock == null) {
            deleteQuietly(folder);
        } else {
            try {
                lock.release();
            } catch (IOException e) {
                // the lock dies with the process anyway
            }
            closeQuietly(lockFile);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it
            }
        }
    }

    /** Deletes a file or folder tree; symbolic links are removed, never followed. */
    static void deleteQuietly(Path path) {
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover folder is untidy, not wrong
        }
    }
}
