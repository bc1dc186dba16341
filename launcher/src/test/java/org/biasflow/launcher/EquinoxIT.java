package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.osgi.launch.EquinoxFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The same, unmodified bundle jars on Eclipse Equinox: embedding into an Eclipse-based platform works. */
class EquinoxIT {

    @TempDir
    Path folder;

    @Test
    void theBundlesRunATrajectoryOnEquinox() throws Exception {
        try (EmbeddedFramework equinox = EmbeddedFramework.start(new EquinoxFactory(), folder.resolve("load"),
                Map.of())) {
            assertEquals("org.eclipse.osgi", equinox.context().getBundle(0).getSymbolicName());
            List<String> notActive = new ArrayList<>();
            for (Bundle bundle : equinox.context().getBundles()) {
                if (bundle.getState() != Bundle.ACTIVE) {
                    notActive.add(bundle.getSymbolicName());
                }
            }
            assertEquals(List.of(), notActive);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GogoSession session = equinox.session(new ByteArrayInputStream(new byte[0]), out, out)) {
                Path data = folder.resolve("data.csv");
                session.execute("bf:data --n 8 --d 10 --seed 4 --out " + data);
                String summary = session.execute("bf:run --data " + data + " --alpha 0.5 --depth 3 --eps 1e-1,1e-50"
                        + " --out " + folder.resolve("run"));
                assertTrue(summary.startsWith("completed: 2 checkpoints"), summary + out.toString(StandardCharsets.UTF_8));
            }
            assertEquals(3, Files.readAllLines(folder.resolve("run").resolve("checkpoints.csv")).size());
        }
    }
}
