package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party jar built against API 1.1.0, before {@code Tangents} existed, dropped into a framework running
 * API 1.2: the fully connected example as it was built then (kept in the test resources, byte for byte). It
 * resolves, runs through the parameter flow by differences, and still reaches the ℓ2 direction.
 */
class ApiCompatibilityIT {

    @TempDir
    static Path folder;

    static TestShell shell;

    @BeforeAll
    static void start() throws Exception {
        shell = new TestShell(folder);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void aModelBuiltAgainstApi11RunsUnchanged() throws Exception {
        Path data = folder.resolve("gaussian.csv");
        shell.run("bf:data --kind sparse-teacher --n 10 --d 30 --sparsity 3 --seed 1 --out " + data);
        try (InputStream jar = ApiCompatibilityIT.class.getResourceAsStream(
                "/api-1.1/fully-connected-built-against-api-1.1.0.jar")) {
            Files.copy(jar, shell.load.resolve("fully-connected-api-1.1.0.jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        shell.awaitOutput("bf:services", text -> text.contains("fully-connected"));

        Path out = folder.resolve("old");
        String run = shell.run("bf:run --model fully-connected --options width=20 --alpha 0.1"
                + " --eps 1e-10,1e-100,1e-1000,1e-10000 --data " + data + " --out " + out);

        assertTrue(run.startsWith("completed: 4 checkpoints"), run);
        String record = Files.readString(out.resolve("run.json"));
        assertTrue(record.contains("\"formulation\": \"parameters\""), record);
        assertTrue(record.contains("\"tangents\": \"differences\""), record);
        double distance = ThirdPartyIT.column(out, "l2_distance").get(3);
        assertTrue(distance < 0.01, "l2 distance at 1e-10000: " + distance);
    }
}
