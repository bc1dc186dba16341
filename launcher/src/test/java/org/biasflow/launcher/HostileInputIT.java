package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input as a new user hands it to the launcher jar: each launch ends within the launcher test's timeout with
 * the problem named, where these once hung at 100% CPU or failed with a bare exception.
 */
class HostileInputIT {

    @TempDir
    Path folder;

    private LauncherProcessIT.Result launch(String... args) throws Exception {
        return LauncherProcessIT.launchIn(folder, args);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(folder.resolve(name), content);
    }

    @Test
    void nanosecondTimestampsAreRefusedNamingTheScaleInsteadOfHanging() throws Exception {
        Path timestamps = write("ts.csv", "1,1.7e18,2\n-1,1.6e18,-2\n1,1.75e18,3\n");

        LauncherProcessIT.Result run = launch("-c", "bf:run --data " + timestamps + " --out " + folder.resolve("o"));
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("--alpha 1.0 at --depth 2") && run.err().contains("(point 3, x1)"), run.err());
        assertTrue(Files.notExists(folder.resolve("o")), "nothing is written for a refused run");

        LauncherProcessIT.Result l1 = launch("-c", "bf:maxmargin --data " + timestamps + " --norm l1");
        assertNotEquals(0, l1.exitCode());
        assertTrue(l1.err().contains("standardize the features"), l1.err());

        LauncherProcessIT.Result threshold = launch("-c", "bf:threshold --data " + timestamps + " --alpha 1e300");
        assertNotEquals(0, threshold.exitCode());
        assertTrue(threshold.err().contains("beyond the double range"), threshold.err());
    }

    @Test
    void aBadConfigurationNamesFileAndKeyAndLeavesOtherCommandsWorking() throws Exception {
        Path load = Files.createDirectories(folder.resolve("load"));
        Path cfg = Files.writeString(load.resolve("org.biasflow.run.cfg"),
                "relativeTolerance = abc\nabsoluteTolerence = 1e-9\n");
        Path data = write("d.csv", "1,1,0\n-1,0,1\n");

        LauncherProcessIT.Result defaults = launch("-c", "bf:defaults");
        assertEquals(0, defaults.exitCode(), defaults.err());
        assertTrue(defaults.out().contains("relativeTolerance = abc in " + cfg + " is not a number"), defaults.out());
        assertTrue(defaults.out().contains("unknown key 'absoluteTolerence'"), defaults.out());

        LauncherProcessIT.Result run = launch("-c", "bf:run --data " + data + " --out " + folder.resolve("o"));
        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("relativeTolerance = abc in " + cfg), run.err());
        assertTrue(Files.notExists(folder.resolve("o")));
    }

    @Test
    void optionsAreCheckedAndRecordedAsApplied() throws Exception {
        Path data = write("pandas.csv", "0,1,2\n1,0.5,2\n0,3,-4\n1,1,1\n");

        LauncherProcessIT.Result unknown = launch("-c", "bf:run --data " + data + " --options rtol=1e-6,widht=3 --out "
                + folder.resolve("o"));
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.err().contains("option 'widht' is read by no service of this run")
                && unknown.err().contains("max-evaluations (count)"), unknown.err());

        LauncherProcessIT.Result run = launch("-c", "bf:run --data " + data + " --rtol 1e-6 --out "
                + folder.resolve("o"));
        assertEquals(0, run.exitCode(), run.err());
        String record = Files.readString(folder.resolve("o").resolve("run.json"));
        assertTrue(record.contains("\"relative_tolerance\": 1.0E-6"), record);
        assertTrue(record.contains("\"points\": 3") && record.contains(
                "\"header\": \"line 1: 0,1,2 (its fields are the column indices)\""), record);
    }
}
