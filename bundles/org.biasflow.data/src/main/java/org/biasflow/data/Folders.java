package org.biasflow.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders that biasflow writes and removes: run and sweep folders, scratch space of re-runs and benchmarks. */
public final class Folders {
    private Folders() {
    }

    /**
     * Deletes a folder and everything in it, deepest entries first; a folder that does not exist is left alone.
     *
     * @throws IOException naming the first entry that could not be deleted; the entries before it are gone
     */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(folder)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }
}
