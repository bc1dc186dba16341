package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.biasflow.data.LoadedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheTest {
    @TempDir
    Path folder;

    private final DataCache cache = new DataCache();

    @Test
    void anUnchangedFileIsReadOnce() throws IOException {
        Path file = Files.writeString(folder.resolve("d.csv"), "y,x1,x2\n1,1.0,2.0\n-1,-1.0,0.5\n");
        LoadedData first = cache.load(file);
        assertSame(first, cache.load(file));
        assertSame(first, cache.load(folder.resolve(".").resolve("d.csv")), "the same file by another path");
    }

    @Test
    void aChangedFileIsReadAgain() throws IOException {
        Path file = Files.writeString(folder.resolve("d.csv"), "y,x1,x2\n1,1.0,2.0\n-1,-1.0,0.5\n");
        LoadedData first = cache.load(file);
        // the same size, so that only the modification time tells
        Files.writeString(file, "y,x1,x2\n1,3.0,2.0\n-1,-1.0,0.5\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        LoadedData second = cache.load(file);
        assertNotSame(first, second);
        assertEquals(3.0, second.data().point(0)[0]);
    }

    @Test
    void aBadFileIsRefusedEachTimeAsByTheReader() throws IOException {
        Path file = Files.writeString(folder.resolve("bad.csv"), "y,x1\n1,x\n");
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> cache.load(file));
            assertTrue(refused.getMessage().contains("bad.csv line 2"), refused.getMessage());
        }
        assertThrows(RuntimeException.class, () -> cache.load(folder.resolve("missing.csv")));
    }
}
