package org.biasflow.run.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.biasflow.data.IoProblems;

/**
 * A claim on an output folder through a lock file in it, held by one process at a time.
 *
 * <p>The lock file stays in the folder; what makes it held is an operating-system lock on it ({@code fcntl}),
 * which ends with the process that took it, whatever way that process ends. So a lock file whose process died
 * (kill -9, a crash, a power cut) is simply taken over, and the lock file's text, which names the holder (pid,
 * user, host, command, start time), says whose it was. A released lock file is emptied. On a file system without
 * such locks the text alone decides: a holder on this host whose pid no longer runs is stale.
 *
 * <p>Within one JVM, a lock file this JVM holds is never opened again: closing any descriptor of a file releases
 * every POSIX lock the process has on it.
 */
final class FolderLock implements AutoCloseable {

    /** The lock of a run, a whole sweep, an overwrite or a merge. */
    static final String MAIN = ".biasflow.lock";

    /** The prefix and suffix of the locks of sweep shards, which share a folder with each other. */
    static final String SHARD_PREFIX = ".biasflow-shard-";
    static final String SHARD_SUFFIX = ".lock";

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String tookOver;

    private FolderLock(Path file, FileChannel channel, FileLock lock, String tookOver) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.tookOver = tookOver;
    }

    /** The lock file's path as this JVM knows it: through the folder's real path, so links name one file. */
    private static Path key(Path folder, String name) {
        try {
            return folder.toRealPath().resolve(name);
        } catch (IOException e) {
            return folder.resolve(name).toAbsolutePath().normalize();
        }
    }

    static String shardName(int index, int count) {
        return SHARD_PREFIX + index + "-of-" + count + SHARD_SUFFIX;
    }

    /** Who holds, or held, a lock file. */
    record Holder(Map<String, String> fields) {

        String pid() {
            return fields.getOrDefault("pid", "?");
        }

        /** Whether the holder ran on this host and that process is gone. */
        boolean deadOnThisHost() {
            if (!host().equals(fields.get("host"))) {
                return false;
            }
            try {
                long pid = Long.parseLong(pid());
                return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        String describe() {
            if (fields.isEmpty()) {
                return "a process that has not written its name yet";
            }
            StringBuilder text = new StringBuilder(fields.getOrDefault("command", "biasflow"));
            text.append(" (pid ").append(pid());
            if (fields.containsKey("user")) {
                text.append(", user ").append(fields.get("user"));
            }
            if (fields.containsKey("host")) {
                text.append(", host ").append(fields.get("host"));
            }
            if (fields.containsKey("started")) {
                text.append(", since ").append(fields.get("started"));
            }
            return text.append(')').toString();
        }

        static Holder parse(String text) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    fields.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
            return new Holder(fields);
        }
    }

    /** A lock held by another live process (or another task of this one). */
    static final class HeldException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        final transient Holder holder;

        HeldException(String message, Holder holder) {
            super(message);
            this.holder = holder;
        }
    }

    /**
     * Takes the lock file {@code name} of {@code folder} (which must exist) for {@code command}.
     *
     * @throws HeldException naming the holder when another live process holds it
     */
    static FolderLock acquire(Path folder, String name, String command) {
        Path file = key(folder, name);
        if (!HELD_HERE.add(file)) {
            throw new HeldException(folder + " is in use by another command of this process", heldHereHolder());
        }
        try {
            return open(file, command);
        } catch (RuntimeException | Error e) {
            HELD_HERE.remove(file);
            throw e;
        }
    }

    private static FolderLock open(Path file, String command) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("cannot lock " + file.getParent() + ": no permission to write " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file.getParent() + ": " + describe(e), e);
        }
        try {
            FileLock lock;
            boolean osLocks = true;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held in this JVM through a path we did not recognise as the same (a link)
            } catch (IOException e) {
                osLocks = false; // a file system without fcntl locks: the lock file's text decides alone
                lock = null;
            }
            Holder previous = Holder.parse(read(channel));
            if (osLocks && lock == null) {
                throw new HeldException(file.getParent() + " is in use by " + previous.describe(), previous);
            }
            if (!osLocks && !previous.fields().isEmpty() && !previous.deadOnThisHost()) {
                throw new HeldException(file.getParent() + " is in use by " + previous.describe()
                        + " (this file system has no file locks: if that process has ended, delete " + file + ")",
                        previous);
            }
            String tookOver = previous.fields().isEmpty() ? null
                    : "took over the lock of " + file.getParent() + " from " + previous.describe()
                            + ", which ended without releasing it";
            write(channel, text(command));
            return new FolderLock(file, channel, lock, tookOver);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file.getParent() + ": " + describe(e), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /**
     * Who holds the lock file {@code name} of {@code folder} now, or {@code null} when nobody does (no such file,
     * released, or its process has ended).
     */
    static Holder holder(Path folder, String name) {
        Path file = key(folder, name);
        if (HELD_HERE.contains(file)) {
            return heldHereHolder();
        }
        FileChannel channel;
        boolean writable = true;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
                writable = false;
            } catch (IOException unreadable) {
                return null;
            }
        }
        try {
            Holder written = Holder.parse(read(channel));
            FileLock probe;
            try {
                probe = channel.tryLock(0, Long.MAX_VALUE, !writable);
            } catch (OverlappingFileLockException e) {
                return written;
            } catch (IOException e) {
                return written.fields().isEmpty() || written.deadOnThisHost() ? null : written;
            }
            if (probe == null) {
                return written;
            }
            probe.release();
            return null;
        } catch (IOException e) {
            return null;
        } finally {
            close(channel);
        }
    }

    private static Holder heldHereHolder() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("command", "another command of this process");
        fields.put("pid", Long.toString(ProcessHandle.current().pid()));
        return new Holder(fields);
    }

    /** The sentence to print when a dead holder's lock was taken over, or {@code null}. */
    String tookOver() {
        return tookOver;
    }

    Path file() {
        return file;
    }

    /** Empties the lock file and releases it; the file stays for the next holder. */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted(); // an interrupted thread would close the channel at its first use
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // the lock is released anyway; the next holder overwrites the text
        }
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        close(channel);
        HELD_HERE.remove(file);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Releases this lock without touching its file or forgetting its path: for a lock whose folder was moved away
     * while another lock of this JVM now lives at its path (see {@link #forget}).
     */
    void closeMoved() {
        close(channel);
    }

    /** Forgets a path {@link #closeMoved} kept. */
    static void forget(Path file) {
        HELD_HERE.remove(file);
    }

    private static String text(String command) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("command", command.replace('\n', ' '));
        fields.put("pid", Long.toString(ProcessHandle.current().pid()));
        fields.put("user", System.getProperty("user.name", "?"));
        fields.put("host", host());
        fields.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static volatile String host;

    static String host() {
        String known = host;
        if (known == null) {
            try {
                known = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                known = System.getenv().getOrDefault("HOSTNAME", "localhost");
            }
            host = known;
        }
        return known;
    }

    private static String read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 4096);
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read on
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static void write(FileChannel channel, String text) throws IOException {
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held through it any more
        }
    }

    static String describe(IOException e) {
        return IoProblems.reason(e);
    }
}
