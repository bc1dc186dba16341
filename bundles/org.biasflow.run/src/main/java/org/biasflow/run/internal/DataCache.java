package org.biasflow.run.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

import org.biasflow.data.DataFiles;
import org.biasflow.data.LoadedData;

/**
 * The data file last read, kept while the file stays the same (same file, size and modification time): the
 * trajectories of a sweep all read one file, and reading and checking it again took 6 % of a sweep of small
 * trajectories. {@link org.biasflow.api.DataSet} is immutable, so runs on several threads can share it.
 */
final class DataCache {
    private record Stamp(Path file, Object fileKey, long size, FileTime modified) {
    }

    private record Entry(Stamp stamp, LoadedData loaded) {
    }

    private volatile Entry last;

    /** {@link DataFiles#load}, or the data it returned for this file as it still is. */
    LoadedData load(Path file) {
        Stamp stamp = stamp(file);
        Entry entry = last;
        if (stamp != null && entry != null && entry.stamp().equals(stamp)) {
            return entry.loaded();
        }
        LoadedData loaded = DataFiles.load(file);
        // stamped before the read: a file changed while it was read has a later stamp and is read again next time
        if (stamp != null) {
            last = new Entry(stamp, loaded);
        }
        return loaded;
    }

    /** Null when the file's attributes cannot be read; {@link DataFiles#load} then says why. */
    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(file.toAbsolutePath().normalize(), attributes.fileKey(), attributes.size(),
                    attributes.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }
}
