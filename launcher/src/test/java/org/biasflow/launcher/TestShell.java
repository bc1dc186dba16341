package org.biasflow.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/** A running framework driven through Gogo sessions, as a user at the shell drives it. */
final class TestShell implements AutoCloseable {
    private static final long PATIENCE_MILLIS = 15_000;

    final EmbeddedFramework framework;
    final Path load;

    TestShell(Path folder) throws IOException {
        load = Files.createDirectories(folder.resolve("load"));
        framework = EmbeddedFramework.start(load);
    }

    /** Runs a command line and returns what it printed and returned. */
    String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GogoSession session = framework.session(new ByteArrayInputStream(new byte[0]), out, out)) {
            return session.execute(command) + out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Runs the command until its output satisfies the condition, or the patience runs out. */
    String awaitOutput(String command, Predicate<String> condition) throws Exception {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        String output = run(command);
        while (!condition.test(output) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            output = run(command);
        }
        return output;
    }

    /**
     * Copies a fixture bundle (built by the reactor) into the drop-in folder, unless it is there already: copying
     * it again would make FileInstall update the bundle, briefly taking its services away.
     */
    Path dropIn(String artifactId) throws IOException {
        Path fixture = Path.of(System.getProperty("biasflow.fixtures"), artifactId + ".jar");
        Path jar = load.resolve(artifactId + ".jar");
        if (!Files.exists(jar) || Files.mismatch(fixture, jar) != -1) {
            Files.copy(fixture, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        return jar;
    }

    @Override
    public void close() {
        framework.close();
    }
}
