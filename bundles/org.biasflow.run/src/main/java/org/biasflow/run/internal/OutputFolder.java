package org.biasflow.run.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.biasflow.data.Folders;
import org.biasflow.data.IoProblems;
import org.biasflow.data.ShellText;

/**
 * An output folder claimed by one run, sweep, sweep shard or merge: locked against other processes, checked for
 * what it already holds, and, when an earlier result is to be replaced ({@code --overwrite}), written beside the
 * folder and swapped in only once complete, so the old result stays whole until then.
 *
 * <p>What biasflow writes into an output folder is listed in {@link #RUN_FILES} and {@link #SWEEP_FILES}; a folder
 * holding anything else is not biasflow's, and is never written into nor replaced. A new output file must be
 * added to these lists.
 */
final class OutputFolder implements AutoCloseable {

    /** The file {@code bf:cancel --out DIR} creates to stop whatever runs in DIR, from any process. */
    static final String CANCEL = ".biasflow.cancel";

    /** The files of one run. */
    static final Set<String> RUN_FILES = Set.of("run.json", "checkpoints.csv", "points.csv", "parameters.csv");

    /** The files and folders of a sweep (with its report). */
    static final Set<String> SWEEP_FILES = Set.of("sweep.csv", "sweep.json", "runs", "report.md", "report.html",
            "figures");

    private static final AtomicInteger SIBLINGS = new AtomicInteger();
    private static final long CANCEL_POLL_NANOS = 300_000_000L;

    /** What claims a folder, and so which lock it takes and what it may find there. */
    enum Use {
        RUN, SWEEP, SHARD, MERGE
    }

    /** A folder's entries, sorted into a run's files, a sweep's files and anything else. */
    record Contents(Path folder, List<String> runFiles, List<String> sweepFiles, List<String> foreign) {

        boolean empty() {
            return runFiles.isEmpty() && sweepFiles.isEmpty() && foreign.isEmpty();
        }

        boolean holdsSweep() {
            return !sweepFiles.isEmpty();
        }

        /** What the folder holds, in words, for a refusal. */
        String describe() {
            if (!sweepFiles.isEmpty()) {
                return "a sweep (" + String.join(", ", sweepFiles) + ")";
            }
            if (runFiles.contains("run.json")) {
                String record = readQuietly(folder.resolve("run.json"));
                Matcher status = Pattern.compile("\"status\": \"([a-z_]+)\"").matcher(record);
                Matcher count = Pattern.compile("\"checkpoints\": ([0-9]+)").matcher(record);
                return "a run (" + (status.find() ? status.group(1) : "of unknown status")
                        + (count.find() ? ", " + count.group(1) + " checkpoints" : "") + ")";
            }
            return "the files of an unfinished run (" + String.join(", ", runFiles) + " without run.json: its"
                    + " process was stopped before the end)";
        }
    }

    /** Decides whether a folder's earlier biasflow content may stay as it is for this use. */
    @FunctionalInterface
    interface Check {
        /** {@code null} to write beside what the folder holds, else the sentence refusing it. */
        String refusal(Contents contents);
    }

    private final Path target;
    private final Path writeTo;
    private final FolderLock lock;
    private final FolderLock stagingLock;
    private final List<String> notes;
    private final Contents found;
    private boolean committed;
    private long lastPoll = System.nanoTime();
    private volatile boolean cancelSeen;

    private OutputFolder(Path target, Path writeTo, FolderLock lock, FolderLock stagingLock, List<String> notes,
            Contents found) {
        this.target = target;
        this.writeTo = writeTo;
        this.lock = lock;
        this.stagingLock = stagingLock;
        this.notes = notes;
        this.found = found;
    }

    /**
     * Claims {@code folder} (created when missing) for one use.
     *
     * @param lockName {@link FolderLock#MAIN} or a shard's lock name
     * @param overwrite replace earlier biasflow content (never other files) once the new result is complete
     * @param command how the holder is named to others, e.g. "bf:run"
     * @param check whether earlier biasflow content may stay (asked only without {@code overwrite})
     * @throws IllegalStateException naming the holder when another process works in the folder, or naming what
     *                               the folder holds when it is refused
     */
    static OutputFolder claim(Path folder, Use use, String lockName, boolean overwrite, String command,
            Check check) {
        Path target = followLink(folder);
        List<String> notes = new ArrayList<>();
        String restored = recoverInterruptedSwap(target);
        if (restored != null) {
            notes.add(restored);
        }
        if (Files.isDirectory(target)) {
            // before the lock file is written: a folder that is not biasflow's gets nothing of it
            refuseForeign(inspect(target), folder);
        }
        createFolder(target, folder);
        FolderLock lock;
        try {
            lock = FolderLock.acquire(target, lockName, command);
        } catch (FolderLock.HeldException e) {
            throw new IllegalStateException(e.getMessage() + "; wait for it to end, or stop it with bf:cancel --out "
                    + ShellText.argument(folder), e);
        }
        FolderLock stagingLock = null;
        try {
            if (lock.tookOver() != null) {
                notes.add(lock.tookOver());
            }
            refuseOtherHolders(target, use, folder);
            Contents contents = inspect(target);
            refuseForeign(contents, folder);
            Path writeTo = target;
            if (!contents.empty()) {
                if (overwrite) {
                    if (target.getFileName() == null) {
                        throw new IllegalStateException("cannot replace " + target + " itself; choose another --out");
                    }
                    writeTo = sibling(target, "new");
                    createFolder(writeTo, writeTo);
                    stagingLock = FolderLock.acquire(writeTo, FolderLock.MAIN, command);
                } else {
                    String refusal = check.refusal(contents);
                    if (refusal != null) {
                        throw new IllegalStateException(refusal + (notes.isEmpty() ? ""
                                : " (" + String.join("; ", notes) + ")"));
                    }
                }
            }
            removeStaleSiblings(target);
            if (!othersWorkIn(target, lockName)) {
                Files.deleteIfExists(target.resolve(CANCEL));
            }
            return new OutputFolder(target, writeTo, lock, stagingLock, notes, contents);
        } catch (IOException e) {
            release(lock, stagingLock);
            throw new UncheckedIOException(IoProblems.cannot("prepare", folder, e), e);
        } catch (RuntimeException e) {
            release(lock, stagingLock);
            throw e;
        }
    }

    /**
     * The folder a link named as --out points to: replaced, it is that folder that gets the new content, and the
     * link stays a link. Replacing the link itself turned it into a folder and left the old result where it pointed.
     */
    private static Path followLink(Path folder) {
        Path named = folder.toAbsolutePath().normalize();
        if (!Files.isSymbolicLink(named)) {
            return named;
        }
        try {
            return named.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException("--out " + folder + " is a link to " + linkTarget(named)
                    + ", which is not there (" + IoProblems.reason(e) + "); choose another --out", e);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "a path that cannot be read";
        }
    }

    private static void refuseForeign(Contents contents, Path folder) {
        if (!contents.foreign().isEmpty()) {
            throw new IllegalStateException(folder + " holds files that biasflow did not write ("
                    + list(contents.foreign()) + "); choose a new or empty folder for --out");
        }
    }

    private static void release(FolderLock lock, FolderLock stagingLock) {
        if (stagingLock != null) {
            Path staging = stagingLock.file().getParent();
            stagingLock.close();
            deleteQuietly(staging);
        }
        lock.close();
    }

    /** The refusal of a run into a folder that holds anything of biasflow's. */
    static String runRefusal(Path folder, Contents contents) {
        return folder + " already holds " + contents.describe() + "; add --overwrite to replace it (the old one"
                + " stays whole until the new run is complete), or choose another --out";
    }

    /** The folder users named. */
    Path target() {
        return target;
    }

    /** Where to write: the folder itself, or, when replacing, the new content's folder beside it. */
    Path writeTo() {
        return writeTo;
    }

    /** Whether the result is being written beside the folder, to replace it on {@link #commit}. */
    boolean replacing() {
        return stagingLock != null;
    }

    /** What the folder held when it was claimed. */
    Contents found() {
        return found;
    }

    /** Sentences for the user: a lock taken over, a folder restored. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** Whether {@code bf:cancel --out} asked the work in this folder to stop (polled at most every 0.3 s). */
    boolean cancelRequested() {
        if (cancelSeen) {
            return true;
        }
        long now = System.nanoTime();
        if (now - lastPoll >= CANCEL_POLL_NANOS) {
            lastPoll = now;
            cancelSeen = Files.exists(target.resolve(CANCEL));
        }
        return cancelSeen;
    }

    /**
     * Puts the new content in place of the old: the old folder is moved aside, the new one takes its name, and the
     * old one is deleted. Nothing to do when the folder was written in place.
     */
    void commit() {
        if (stagingLock == null || committed) {
            return;
        }
        Path old = sibling(target, "old");
        try {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("replace", target, e)
                    + "; the new result is in " + writeTo, e);
        }
        try {
            Files.move(writeTo, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw new UncheckedIOException("cannot put the new result in place of " + target + ": "
                    + IoProblems.reason(e) + "; the new result is in " + writeTo, e);
        }
        committed = true;
        deleteQuietly(old);
        lock.closeMoved();
    }

    /**
     * Releases the folder. A replacement that was not committed is discarded and the old content stays; the cancel
     * request is removed once nobody else works in the folder.
     */
    @Override
    public void close() {
        if (stagingLock != null) {
            stagingLock.close();
            if (committed) {
                FolderLock.forget(lock.file());
            } else {
                deleteQuietly(writeTo);
                lock.close();
            }
        } else {
            lock.close();
        }
        String lockName = lock.file().getFileName().toString();
        if (!othersWorkIn(target, lockName)) {
            try {
                Files.deleteIfExists(target.resolve(CANCEL));
            } catch (IOException e) {
                // a leftover request is removed by the next claim
            }
        }
    }

    /**
     * Asks whatever works in {@code folder} (in any process that sees this file system) to stop.
     *
     * @return the holders asked, in words; empty when nothing works there
     */
    static List<String> requestCancel(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        List<String> holders = holders(target);
        if (!holders.isEmpty()) {
            try {
                Files.writeString(target.resolve(CANCEL), "requested by pid " + ProcessHandle.current().pid() + " at "
                        + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot ask the work in " + folder + " to stop: "
                        + IoProblems.reason(e), e);
            }
        }
        return holders;
    }

    /** Who works in the folder now: the holders of its main and shard locks. */
    static List<String> holders(Path target) {
        List<String> holders = new ArrayList<>();
        for (String name : lockNames(target)) {
            FolderLock.Holder holder = FolderLock.holder(target, name);
            if (holder != null) {
                holders.add(holder.describe());
            }
        }
        return holders;
    }

    private static List<String> lockNames(Path target) {
        List<String> names = new ArrayList<>();
        names.add(FolderLock.MAIN);
        try (Stream<Path> entries = Files.list(target)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(FolderLock.SHARD_PREFIX) && n.endsWith(FolderLock.SHARD_SUFFIX))
                    .sorted().forEach(names::add);
        } catch (IOException e) {
            // no folder, no shards
        }
        return names;
    }

    private static boolean othersWorkIn(Path target, String ownLock) {
        for (String name : lockNames(target)) {
            if (!name.equals(ownLock) && FolderLock.holder(target, name) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * A whole-folder use excludes shards, and a shard excludes whole-folder uses. Each first takes its own lock and
     * then looks for the other kind, so of two that start together at least one sees the other.
     */
    private static void refuseOtherHolders(Path target, Use use, Path folder) {
        for (String name : lockNames(target)) {
            boolean shardLock = !name.equals(FolderLock.MAIN);
            if (use == Use.SHARD ? shardLock : !shardLock) {
                continue; // shards share the folder with each other; the main lock is already ours
            }
            FolderLock.Holder holder = FolderLock.holder(target, name);
            if (holder != null) {
                throw new IllegalStateException(folder + " is in use by " + holder.describe()
                        + (shardLock ? ", a shard of a sweep" : "") + "; wait for it to end, or stop it with"
                        + " bf:cancel --out " + ShellText.argument(folder));
            }
        }
    }

    static Contents inspect(Path folder) {
        List<String> run = new ArrayList<>();
        List<String> sweep = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (String name : entries.map(p -> p.getFileName().toString()).sorted().toList()) {
                if (housekeeping(name)) {
                    continue;
                }
                (RUN_FILES.contains(name) ? run : SWEEP_FILES.contains(name) ? sweep : foreign).add(name);
                if (SWEEP_FILES.contains(name)) {
                    foreign.addAll(foreignWithin(folder.resolve(name), name));
                }
            }
        } catch (NoSuchFileException e) {
            // an empty folder
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("read", folder, e), e);
        }
        return new Contents(folder, run, sweep, foreign);
    }

    /**
     * What a sweep's runs/ or figures/ holds that biasflow did not write, as paths within the folder: replaced, or a
     * trajectory run again, they would go with it. runs/ holds trajectory folders of a run's files, figures/ a
     * report's PNG and SVG files.
     */
    private static List<String> foreignWithin(Path entry, String name) throws IOException {
        List<String> foreign = new ArrayList<>();
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || !name.equals("runs") && !name.equals("figures")) {
            return foreign;
        }
        try (Stream<Path> children = Files.list(entry)) {
            for (Path child : children.sorted().toList()) {
                String childName = child.getFileName().toString();
                if (housekeeping(childName)) {
                    continue;
                }
                if (name.equals("figures")) {
                    if (!childName.endsWith(".png") && !childName.endsWith(".svg")) {
                        foreign.add(name + "/" + childName);
                    }
                } else if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    foreign.add(name + "/" + childName);
                } else {
                    try (Stream<Path> files = Files.list(child)) {
                        for (Path file : files.sorted().toList()) {
                            String fileName = file.getFileName().toString();
                            if (!RUN_FILES.contains(fileName) && !housekeeping(fileName)) {
                                foreign.add(name + "/" + childName + "/" + fileName);
                            }
                        }
                    }
                }
            }
        }
        return foreign;
    }

    /** Locks, a cancel request and the temporary files of atomic writes: never a result of their own. */
    private static boolean housekeeping(String name) {
        return name.equals(FolderLock.MAIN) || name.equals(CANCEL)
                || name.startsWith(FolderLock.SHARD_PREFIX) && name.endsWith(FolderLock.SHARD_SUFFIX)
                || name.startsWith(".") && name.endsWith(".tmp");
    }

    private static void createFolder(Path target, Path asNamed) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalStateException("--out " + asNamed + " is a file, not a folder");
        }
        try {
            Files.createDirectories(target);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("cannot create the folder " + asNamed + ": " + e.getFile()
                    + " is a file, not a folder", e);
        } catch (IOException e) {
            throw new UncheckedIOException(IoProblems.cannot("create the folder", asNamed, e), e);
        }
        if (!Files.isWritable(target)) {
            throw new IllegalStateException("cannot write into " + asNamed + ": permission denied");
        }
    }

    private static Path sibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + ".biasflow-" + kind + "-"
                + ProcessHandle.current().pid() + "-" + SIBLINGS.incrementAndGet());
    }

    private static List<Path> siblings(Path target, String kind) {
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            return List.of();
        }
        String prefix = "." + target.getFileName() + ".biasflow-" + kind + "-";
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A replacement stopped between its two renames (a kill -9 at that instant) leaves the folder missing and the
     * old content beside it: that old content comes back.
     */
    private static String recoverInterruptedSwap(Path target) {
        if (Files.exists(target)) {
            return null;
        }
        for (Path old : siblings(target, "old")) {
            if (FolderLock.holder(old, FolderLock.MAIN) == null) {
                try {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    return "restored " + target + " from " + old.getFileName() + ", where a replacement (--overwrite)"
                            + " stopped midway had left it";
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Replacements that a dead process left beside the folder. */
    private static void removeStaleSiblings(Path target) {
        for (String kind : List.of("new", "old")) {
            for (Path sibling : siblings(target, kind)) {
                if (FolderLock.holder(sibling, FolderLock.MAIN) == null) {
                    deleteQuietly(sibling);
                }
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            Folders.deleteTree(folder);
        } catch (IOException e) {
            // left for the next claim of the folder, which removes stale siblings
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String list(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }
}
