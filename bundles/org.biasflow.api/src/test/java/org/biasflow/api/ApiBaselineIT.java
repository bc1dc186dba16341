package org.biasflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/**
 * The API as built against API 1.1.0, the version third-party jars were built against (kept in the test
 * resources), by bnd's baselining: every change must be one its version allows, and 1.1 consumers must resolve.
 */
class ApiBaselineIT {

    @Test
    void theApiIsACompatibleMinorVersionOf110(@TempDir Path folder) throws Exception {
        Path older = folder.resolve("api-1.1.0.jar");
        try (InputStream in = ApiBaselineIT.class.getResourceAsStream("/baseline/org.biasflow.api-1.1.0.jar")) {
            Files.copy(in, older, StandardCopyOption.REPLACE_EXISTING);
        }
        File newer = new File(System.getProperty("biasflow.api.jar"));
        try (Processor reporter = new Processor(); Jar current = new Jar(newer); Jar previous = new Jar(older.toFile())) {
            Set<Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(current, previous, null);
            Info api = infos.stream().filter(info -> info.packageName.equals("org.biasflow.api")).findFirst()
                    .orElseThrow();
            assertFalse(api.mismatch, "bnd suggests " + api.suggestedVersion + " for " + api.newerVersion);
            assertEquals(1, api.newerVersion.getMajor(), "a major change would strand every 1.1 consumer");
            assertTrue(api.newerVersion.compareTo(api.olderVersion) > 0 || api.packageDiff.getDelta().name()
                    .equals("UNCHANGED"), api.newerVersion + " after " + api.olderVersion);
            assertTrue(reporter.getErrors().isEmpty(), reporter.getErrors().toString());
        }
    }
}
