package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input a user may hand over by accident: pandas headers, huge fields, directories, devices, huge dimensions. */
class HostileDataTest {

    @TempDir
    Path folder;

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void aPandasHeaderOfColumnIndicesIsSkippedAndSaidSo() throws IOException {
        LoadedData fromZero = DataFiles.load(write("zero.csv", "0,1,2\n1,0.5,2\n-1,3,4\n"));
        LoadedData fromCrlf = DataFiles.load(write("crlf.csv", "\uFEFF0 , 1,2\r\n1,0.5,2\r\n\r\n-1,3,4\r\n"));

        for (LoadedData loaded : new LoadedData[] {fromZero, fromCrlf}) {
            assertEquals(2, loaded.data().size());
            assertArrayEquals(new double[] {0.5, 2}, loaded.data().point(0), 0.0);
            assertTrue(loaded.header().startsWith("line 1: ") && loaded.header().endsWith(
                    "(its fields are the column indices)"), loaded.header());
        }
        assertTrue(DataFiles.load(write("named.csv", "y,x1\n1,2\n")).header().contains("label field is not a number"));
        assertNull(DataFiles.load(write("plain.csv", "1,2,3\n-1,4,5\n")).header());
        assertEquals(2, DataFiles.read(write("almost.csv", "0,1,3\n1,2,3\n")).size(), "0,1,3 is a point");
        assertEquals(2, DataFiles.read(write("narrow.csv", "0,1\n1,2\n")).size(), "0,1 is a point");
        assertEquals(2, DataFiles.read(write("shifted.csv", "1,2,3\n-1,2,3\n")).size(), "1,2,3 is a point");
    }

    /** {@code first}, then 2,000 good data lines, point n written by {@code line}: enough for several threads. */
    private static String goodLines(String first, java.util.function.IntFunction<String> line) {
        StringBuilder text = new StringBuilder(first);
        for (int n = 0; n < 2000; n++) {
            text.append(line.apply(n)).append('\n');
        }
        return text.toString();
    }

    /**
     * Lines are read in parallel, yet the problem reported is the one a reader going down the file meets first:
     * the earliest line's, and within a line its field count before its label before its features.
     */
    @Test
    void theFirstProblemInTheFileIsTheOneReported() throws IOException {
        String lines = goodLines("y,x1,x2\n", n -> (n % 2 == 0 ? "1" : "-1") + ",0.5," + n);
        Map<String, String> expected = Map.of(
                lines + "1,abc,2\n1,2\n7,1,1\n", "line 2002: x1 'abc' is not a number",
                lines + "1,2\n1,abc,2\n", "line 2002: expected 3 fields as in the header on line 1, found 2",
                lines + "7,abc,2\n", "line 2002: label 7 is not -1 or +1 (nor 0 or 1)",
                lines + "7,1\n", "line 2002: expected 3 fields as in the header on line 1, found 2",
                lines + "0,1,1\n1,1,nan\n", "line 2002: label 0 mixes the 0/1 convention with the -1/+1 convention"
                        + " of label -1 on line 3",
                "1,1,1\n" + lines.substring(lines.indexOf('\n') + 1).replace("0.5,1999", "0.5,1e999"),
                "line 2001: x2 1e999 is too large for a double");
        assertFirstProblems(expected, ".csv");
    }

    /** Files saved by a spreadsheet in another dialect: the message says what to change. */
    @Test
    void otherCsvDialectsAreNamed() throws IOException {
        assertFirstProblems(Map.of(
                "y;x1;x2\n1;0,5;1\n", "line 1: expected a label and at least one feature, found 1 field: fields are"
                        + " separated by commas, and this line has none but semicolons; write the file with commas"
                        + " (and decimal points)",
                "y\tx1\n1\t0.5\n", "line 1: expected a label and at least one feature, found 1 field: fields are"
                        + " separated by commas, and this line has none but tabs; write the file with commas (and"
                        + " decimal points)",
                "\"y\",\"x1\"\n\"1\",\"0.5\"\n", "line 2: label '\"1\"' is not a number (fields in quotes are not"
                        + " read: write the file without quotes)"), ".csv");
    }

    @Test
    void theFirstProblemInALibsvmFileIsTheOneReported() throws IOException {
        String lines = goodLines("# a comment line\n", n -> (n % 2 == 0 ? "+1" : "-1") + " 1:0.5 3:" + n);
        Map<String, String> expected = Map.of(
                lines + "+1 1:abc\n+1 2\n7 1:1\n", "line 2002: x1 'abc' is not a number",
                lines + "+1 2\n+1 1:abc\n", "line 2002: '2' is not an index:value pair",
                lines + "7 1:abc\n", "line 2002: label 7 is not -1 or +1 (nor 0 or 1)",
                lines + "+1 3:1 2:1\n0 1:1\n", "line 2002: index 2 follows index 3; indices must increase along a line");
        assertFirstProblems(expected, ".svm");
        LoadedData read = DataFiles.load(write("good.svm", lines));
        assertEquals(2000, read.data().size());
        assertArrayEquals(new double[] {0.5, 0, 1999}, read.data().point(1999), 0.0);
    }

    /** Each content, written to a file of the given extension, is refused with the message after its file name. */
    private void assertFirstProblems(Map<String, String> expected, String extension) throws IOException {
        int file = 0;
        for (Map.Entry<String, String> bad : expected.entrySet()) {
            Path path = write("bad" + file++ + extension, bad.getKey());
            DataFormatException problem = assertThrows(DataFormatException.class, () -> DataFiles.load(path));
            assertEquals(path + " " + bad.getValue(), problem.getMessage());
        }
    }

    @Test
    void aHugeMalformedFieldIsQuotedShortly() throws IOException {
        String field = "x".repeat(10_000_000);
        Path file = write("huge.csv", "1,2\n-1," + field + "\n");

        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(file));
        assertTrue(e.getMessage().length() < 200, e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("(10000000 characters)"), e.getMessage());
        DataFormatException label = assertThrows(DataFormatException.class,
                () -> DataFiles.read(write("label.csv", "7".repeat(100_000) + ",1\n")));
        assertTrue(label.getMessage().length() < 200, label.getMessage());
    }

    @Test
    void aDirectoryOrADeviceIsRefusedBeforeReading() {
        DataFormatException directory = assertThrows(DataFormatException.class, () -> DataFiles.read(folder));
        assertTrue(directory.getMessage().endsWith("is a directory, not a data file"), directory.getMessage());
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            DataFormatException device = assertThrows(DataFormatException.class, () -> DataFiles.read(zero));
            assertTrue(device.getMessage().contains("not a regular file"), device.getMessage());
        }
    }

    @Test
    void aLibsvmIndexTooLargeForTheHeapIsRefusedNamingTheSize() throws IOException {
        Path file = write("wide.svm", "1 1:1\n-1 999999999:1\n");

        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(file));
        assertTrue(e.getMessage().contains("line 2: index 999999999 makes 2 points of 999999999 features: 16.0 GB"),
                e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void aGeneratedDataSetTooLargeForTheHeapIsRefusedNamingTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticData.generate(
                SyntheticData.TWO_CLUSTERS, Map.of("n", "30000", "d", "30000")));
        assertTrue(e.getMessage().contains("30000 points of 30000 features: 7.2 GB"), e.getMessage());
    }
}
