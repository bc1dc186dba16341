package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    @TempDir
    Path folder;

    @Test
    void theFileReadIsRecognizedHoweverItIsSpelled() throws IOException {
        Path data = Files.writeString(folder.resolve("data.csv"), "y,x1\n1,1\n");
        Path link = Files.createSymbolicLink(folder.resolve("link.csv"), data);
        Path dotted = folder.resolve("sub/../data.csv");

        for (Path out : new Path[] {data, link, dotted}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> OutputFiles.check(out, "--out", true, data)).getMessage();
            assertTrue(message.endsWith("is the file this command reads (" + data + "): writing there would replace"
                    + " it; name another file"), message);
        }
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenAskedAndAFolderNever() throws IOException {
        Path earlier = Files.writeString(folder.resolve("earlier.csv"), "kept\n");

        assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputFiles.check(earlier, "--out", false))
                .getMessage().contains("already exists; add --overwrite"));
        assertDoesNotThrow(() -> OutputFiles.check(earlier, "--out", true));
        assertDoesNotThrow(() -> OutputFiles.check(folder.resolve("new.csv"), "--out", false));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputFiles.check(folder, "--out", true))
                .getMessage().endsWith("is a folder, not a file"));
    }
}
