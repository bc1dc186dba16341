package org.biasflow.run.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Run defaults from .cfg text: good values taken, bad ones named with their file and key. */
class RunSettingsTest {

    private static final String FILE = "file:/work/load/org.biasflow.run.cfg";

    @Test
    void valuesFromAFileAreParsedAndTheRestDefault() {
        RunSettings settings = RunSettings.from(Map.of("relativeTolerance", "1e-9", "felix.fileinstall.filename", FILE,
                "service.pid", TrajectoryRunnerComponent.PID));

        assertNull(settings.problem());
        assertEquals(1e-9, settings.relativeTolerance());
        assertEquals(1e-12, settings.absoluteTolerance());
        assertEquals("bdf", settings.integrator());
        assertEquals("runs", settings.outputFolder());
    }

    @Test
    void textThatIsNotANumberNamesTheFileAndKey() {
        RunSettings settings = RunSettings.from(Map.of("relativeTolerance", "abc", "felix.fileinstall.filename", FILE));

        assertTrue(settings.problem().contains("relativeTolerance = abc in /work/load/org.biasflow.run.cfg is not a"
                + " number"), settings.problem());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, settings::requireValid);
        assertTrue(refused.getMessage().contains("relativeTolerance"), refused.getMessage());
        assertEquals(1e-10, settings.relativeTolerance(), "the default stays in force for display");
    }

    @Test
    void toleranceBeyondTheDoubleRangeIsRefusedNotTakenAsInfinity() {
        RunSettings settings = RunSettings.from(Map.of("absoluteTolerance", "1e400"));

        assertTrue(settings.problem().contains("absoluteTolerance = 1e400") && settings.problem().contains(
                "beyond the double range"), settings.problem());
        assertTrue(RunSettings.from(Map.of("absoluteTolerance", "0")).problem().contains("between 0 and 1"));
        assertTrue(RunSettings.from(Map.of("relativeTolerance", "-1e-9")).problem().contains("between 0 and 1"));
        assertTrue(RunSettings.from(Map.of("relativeTolerance", "NaN")).problem().endsWith("is not a number"));
    }

    @Test
    void aRelativeToleranceDoublesCannotKeepIsRefusedNamingTheSmallestTheyCan() {
        RunSettings settings = RunSettings.from(Map.of("relativeTolerance", "1e-20", "felix.fileinstall.filename", FILE));

        assertTrue(settings.problem().startsWith("relativeTolerance = 1e-20 in /work/load/org.biasflow.run.cfg is below"
                + " 1e-14"), settings.problem());
        assertNull(RunSettings.from(Map.of("relativeTolerance", "1e-14")).problem());
        assertNull(RunSettings.from(Map.of("absoluteTolerance", "1e-20")).problem(), "atol has a scale, not a floor");
    }

    @Test
    void aMisspelledKeyIsNamedWithTheKnownOnes() {
        RunSettings settings = RunSettings.from(Map.of("relativeTolerence", "1e-9", "felix.fileinstall.filename", FILE));

        assertTrue(settings.problem().contains("unknown key 'relativeTolerence'"), settings.problem());
        assertTrue(settings.problem().contains("relativeTolerance, absoluteTolerance"), settings.problem());
    }

    @Test
    void aByteOrderMarkBeforeTheFirstKeyIsNamedAsSuch() {
        RunSettings settings = RunSettings.from(Map.of("\u00ef\u00bb\u00bfintegrator", "bdf",
                "felix.fileinstall.filename", FILE));

        assertTrue(settings.problem().startsWith("/work/load/org.biasflow.run.cfg begins with a byte-order mark (BOM)"),
                settings.problem());
        assertTrue(settings.problem().contains("'integrator'"), settings.problem());
    }

    @Test
    void theRunnerShowsTheProblemAndRefusesRuns() {
        TrajectoryRunnerComponent runner = new TrajectoryRunnerComponent();
        runner.configure(Map.of("relativeTolerance", "abc"));

        assertTrue(String.valueOf(runner.defaults().get(RunSettings.PROBLEM)).contains("not a number"));
        assertEquals(1e-10, runner.defaults().get(RunSettings.RELATIVE_TOLERANCE));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> runner.run(null, null));
        assertTrue(refused.getMessage().contains("relativeTolerance = abc"), refused.getMessage());
    }
}
