package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.biasflow.api.DataSet;
import org.biasflow.api.TargetLoss;
import org.biasflow.data.DataFiles;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A run.json read back into the request that runs the same trajectory again. */
class RunRecordTest {

    @TempDir
    Path folder;

    private static final String RECORD = """
            {
              "status": "completed",
              "configuration": {
                "data": "own.csv", "model": "fully-connected", "depth": 3, "alpha": 0.5,
                "shape": [1.0, 2.5], "negative_shape": null, "seed": 7, "model_options": {"width": "4"},
                "loss": "logistic", "integrator": "bdf", "targets": ["1e-1", "2.4e-43288"],
                "relative_tolerance": 1.0E-10, "absolute_tolerance": 1.0E-12, "options": {"max-evaluations": "900"},
                "parameters": "auto"
              },
              "data": {"file": "DATA", "points": 2, "features": 2, "sha256": "HASH"}
            }
            """;

    private static final DataSet POINTS = new DataSet(new double[][] {{1, 2}, {-3, 4}}, new int[] {1, -1}, "own");

    /** {@link #RECORD} of a run that read {@link #POINTS} from {@code data}, written where those are. */
    private Path recordOf(Path data) throws IOException {
        DataFiles.write(data, POINTS);
        return Files.writeString(folder.resolve("run.json"), RECORD.replace("DATA", data.toString()
                .replace("\\", "\\\\").replace("\"", "\\\"")).replace("HASH", DataFiles.hash(POINTS)));
    }

    @Test
    void theRequestRepeatsTheRecordedTrajectoryWithOtherCheckpoints() throws IOException {
        Path data = folder.resolve("own \"set\".csv");
        Path file = recordOf(data);
        List<TargetLoss> targets = List.of(TargetLoss.ofLog10(-2), TargetLoss.ofLog10(-3));

        RunRequest request = RunRecord.read(file).request(targets, folder.resolve("again"));

        assertEquals(data, request.data());
        assertEquals("fully-connected", request.model());
        assertEquals(3, request.spec().depth());
        assertEquals(0.5, request.spec().alpha());
        assertArrayEquals(new double[] {1.0, 2.5}, request.spec().shape());
        assertNull(request.spec().negativeShape());
        assertEquals(7L, request.spec().seed());
        assertEquals(Map.of("width", "4"), request.spec().options());
        assertEquals("logistic", request.loss());
        assertEquals("bdf", request.integrator());
        assertEquals(Map.of("max-evaluations", "900", "rtol", "1.0E-10", "atol", "1.0E-12"), request.options());
        assertEquals(targets, request.targets());
        assertEquals(ParameterOutput.NONE, request.parameters());
    }

    @Test
    void aCutShortRecordIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(folder.resolve("run.json"), RECORD.substring(0, 200));

        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () -> RunRecord.read(file));

        assertTrue(problem.getMessage().startsWith(file.toString()), problem.getMessage());
    }

    /** Re-run on a data file rewritten since, the trajectory would be another one, yet be reported as refined. */
    @Test
    void aRecordWhoseDataFileChangedIsRefusedNamingBoth() throws IOException {
        Path data = folder.resolve("own.csv");
        Path file = recordOf(data);
        Files.writeString(data, "y,x1,x2\n1,2,2\n-1,-3,4\n");

        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
                () -> RunRecord.read(file).request(List.of(TargetLoss.ofLog10(-2)), folder.resolve("again")));

        assertEquals("the data file " + data + " has changed since " + file + " was written (its content hash"
                + " differs from the one it records)", problem.getMessage());
    }

    @Test
    void theRecordOfAnotherTrajectoryIsRefused() throws IOException {
        Path file = recordOf(folder.resolve("own.csv"));
        RunRecord record = RunRecord.read(file);

        record.requireOf(0.5, 3);
        assertEquals(file + " is the record of alpha 0.5, depth 3, not of the trajectory of alpha 5.0, depth 3 that"
                + " sweep.csv places there: cannot re-run the trajectory", assertThrows(IllegalArgumentException.class,
                        () -> record.requireOf(5.0, 3)).getMessage());
    }

    /** A hand-edited field of another type than the run engine writes, in a value or in a list. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"alpha\": 0.5|\"alpha\": \"0.5\"|'configuration.alpha' is the text \"0.5\", expected a number",
        "[1.0, 2.5]|[1.0, \"2.5\"]|'configuration.shape' holds the text \"2.5\", expected numbers"})
    void aFieldOfAnotherTypeIsRefusedNamingTheFileTheFieldAndWhatWasExpected(String written, String edited,
            String why) throws IOException {
        Path file = recordOf(folder.resolve("own.csv"));
        Files.writeString(file, Files.readString(file).replace(written, edited));

        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class,
                () -> RunRecord.read(file).request(List.of(TargetLoss.ofLog10(-2)), folder.resolve("again")));

        assertEquals(file + ": " + why + ": cannot re-run the trajectory", problem.getMessage());
    }
}
