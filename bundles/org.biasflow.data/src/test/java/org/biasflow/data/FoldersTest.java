package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
    @TempDir
    Path scratch;

    @Test
    void aTreeGoesWithEverythingInItAndNothingBeside() throws IOException {
        Path tree = scratch.resolve("run");
        Files.createDirectories(tree.resolve("a/b/c"));
        Files.writeString(tree.resolve("a/b/c/checkpoints.csv"), "x");
        Files.writeString(tree.resolve("a/run.json"), "{}");
        Path beside = Files.writeString(scratch.resolve("run.csv"), "kept");

        Folders.deleteTree(tree);

        assertFalse(Files.exists(tree));
        assertTrue(Files.exists(beside));
    }

    @Test
    void aFolderThatIsNotThereIsLeftAlone() throws IOException {
        Folders.deleteTree(scratch.resolve("never-made"));
        assertTrue(Files.isDirectory(scratch));
    }
}
