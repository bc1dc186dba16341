package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.biasflow.api.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataFilesTest {
    private static final DataSet AWKWARD_NUMBERS = new DataSet(new double[][] {
        {0.1, -2.5e-300, 1.7976931348623157e308, 0},
        {Math.PI, Double.MIN_VALUE, -0.0, 0},
        {-1e-5, 123456789.123456789, 1.0 / 3, 0},
    }, new int[] {1, -1, -1}, "awkward");

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"data.csv", "data.svm", "data.LIBSVM", "data.txt", "data.csv.gz", "data.svm.GZ"})
    void writingThenReadingGivesBackEveryPointLabelAndDimensionExactly(String name) throws IOException {
        Path file = directory.resolve(name);

        DataFiles.write(file, AWKWARD_NUMBERS);
        DataSet read = DataFiles.read(file);

        assertEquals(AWKWARD_NUMBERS.size(), read.size());
        assertEquals(AWKWARD_NUMBERS.dimension(), read.dimension());
        for (int n = 0; n < read.size(); n++) {
            assertEquals(AWKWARD_NUMBERS.label(n), read.label(n));
            assertArrayEquals(AWKWARD_NUMBERS.point(n), read.point(n), 0.0);
        }
        assertEquals(DataFiles.hash(AWKWARD_NUMBERS), DataFiles.hash(read));
        assertEquals(file.toString(), read.source());
    }

    /** A record's data file rewritten with other points is refused; rewritten with the same ones, in any form, not. */
    @Test
    void readsARecordedDataFileOnlyWhileItHoldsTheRecordedData() throws IOException {
        Path file = directory.resolve("data.csv");
        Path record = directory.resolve("run.json");
        DataFiles.write(file, AWKWARD_NUMBERS);
        String recorded = DataFiles.hash(DataFiles.read(file));

        Files.writeString(file, "# the same points, other notation\n" + Files.readString(file).replace("y,", "label,"));
        assertEquals(recorded, DataFiles.hash(DataFiles.readRecorded(file, recorded, record)));
        Files.writeString(file, "y,x1\n1,2\n-1,3\n");
        IllegalArgumentException changed = assertThrows(IllegalArgumentException.class,
                () -> DataFiles.readRecorded(file, recorded, record));

        assertEquals("the data file " + file + " has changed since " + record + " was written (its content hash"
                + " differs from the one it records)", changed.getMessage());
    }

    /** A program stopping interrupts the write of a large data set: nothing is left of it, the old file is kept. */
    @Test
    void anInterruptedWriteLeavesNoTemporaryFileAndTheOldFileAsItWas() throws IOException {
        Path file = directory.resolve("data.csv");
        DataFiles.write(file, AWKWARD_NUMBERS);
        byte[] before = Files.readAllBytes(file);
        int[] labels = new int[2000];
        java.util.Arrays.fill(labels, 1);
        DataSet large = new DataSet(new double[2000][50], labels, "large");

        Thread.currentThread().interrupt();
        try {
            java.io.InterruptedIOException stopped = assertThrows(java.io.InterruptedIOException.class,
                    () -> DataFiles.write(file, large));
            assertTrue(stopped.getMessage().contains(file.toString()), stopped.getMessage());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }

        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> left = Files.list(directory)) {
            assertEquals(java.util.List.of(file), left.toList(), "no temporary file is left");
        }
    }

    @Test
    void writesCsvWithAHeaderAndLibsvmSparsely() throws IOException {
        DataSet data = new DataSet(new double[][] {{0, 2.5, 0}, {-1, 0, 0}}, new int[] {1, -1}, "small");
        Path csv = directory.resolve("small.csv");
        Path svm = directory.resolve("small.svm");

        DataFiles.write(csv, data);
        DataFiles.write(svm, data);

        assertEquals("y,x1,x2,x3\n1,0.0,2.5,0.0\n-1,-1.0,0.0,0.0\n", Files.readString(csv));
        assertEquals("+1 2:2.5 3:0.0\n-1 1:-1.0 3:0.0\n", Files.readString(svm));
    }

    @Test
    void readsCsvWithCommentsBlankLinesWhitespaceAndAHeader() throws IOException {
        DataSet data = read("data.csv", """
                \uFEFF# made by hand
                y , x1, x2

                 1 , 0.5 ,-2   # a comment after data
                -1,+3.25e1, .5\r
                \t# indented comment
                -1.0,7,8
                """);

        assertEquals(3, data.size());
        assertEquals(2, data.dimension());
        assertArrayEquals(new double[] {0.5, -2}, data.point(0), 0.0);
        assertArrayEquals(new double[] {32.5, 0.5}, data.point(1), 0.0);
        assertArrayEquals(new int[] {1, -1, -1}, labels(data));
    }

    @Test
    void takesAFirstLineWithNumericFeatureNamesForAHeader() throws IOException {
        DataSet data = read("data.csv", "label,0,1\n1,2,3\n");

        assertEquals(1, data.size());
        assertArrayEquals(new double[] {2, 3}, data.point(0), 0.0);
    }

    @Test
    void readsAFirstLineWithANumericLabelAsData() throws IOException {
        DataSet data = read("data.csv", "1,2,3\n-1,4,5\n");

        assertEquals(2, data.size());
        assertArrayEquals(new double[] {2, 3}, data.point(0), 0.0);
    }

    @Test
    void mapsZeroOneLabelsToMinusOnePlusOne() throws IOException {
        DataSet csv = read("data.csv", "0,1\n1,2\n0,3\n");
        DataSet svm = read("data.svm", "0 1:1\n1 1:2\n0 1:3\n");

        assertArrayEquals(new int[] {-1, 1, -1}, labels(csv));
        assertArrayEquals(new int[] {-1, 1, -1}, labels(svm));
        assertEquals(DataFiles.hash(csv), DataFiles.hash(svm));
        assertEquals(DataFiles.hash(csv), DataFiles.hash(read("pm.csv", "-1,1\n+1,2\n-1,3.0\n")));
    }

    @Test
    void readsLibsvmSparsePointsWithTheLargestIndexAsDimension() throws IOException {
        DataSet data = read("data.libsvm", """
                # comment
                +1 1:0.5 4:-2

                -1\t2:3   3:1e-3
                -1
                """);

        assertEquals(3, data.size());
        assertEquals(4, data.dimension());
        assertArrayEquals(new double[] {0.5, 0, 0, -2}, data.point(0), 0.0);
        assertArrayEquals(new double[] {0, 3, 1e-3, 0}, data.point(1), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, data.point(2), 0.0);
        assertArrayEquals(new int[] {1, -1, -1}, labels(data));
    }

    static Stream<Arguments> malformedFiles() {
        return Stream.of(
                Arguments.of("data.csv", "1,2,3\n-1,4\n", 2, "expected 3 fields, found 2"),
                Arguments.of("data.csv", "y,x1,x2\n1,2,3\n\n1,2,3,4\n", 4,
                        "expected 3 fields as in the header on line 1, found 4"),
                Arguments.of("data.csv", "1\n", 1, "expected a label and at least one feature, found 1 field"),
                Arguments.of("data.csv", "1,2,3\n# note\n-1,abc,4\n", 3, "x1 'abc' is not a number"),
                Arguments.of("data.csv", "1,2,0x1p3\n", 1, "x2 '0x1p3' is not a number"),
                Arguments.of("data.csv", "1,2,3\n1,,3\n", 2, "x1 is empty"),
                Arguments.of("data.csv", "1,NaN,3\n", 1, "x1 is NaN; only finite numbers are allowed"),
                Arguments.of("data.csv", "1,2,3\n-1,2,-Infinity\n", 2, "x2 is -Infinity; only finite numbers are allowed"),
                Arguments.of("data.csv", "1,1e999\n", 1, "x1 1e999 is too large for a double"),
                Arguments.of("data.csv", "1,2\n-1,-2.5e-400\n", 2, "x1 -2.5e-400 is too small for a double: it would be"
                        + " read as 0; multiply the data by a constant"),
                Arguments.of("data.svm", "1 1:1 2:0.000e-999\n-1 1:2 2:1e-400\n", 2, "x2 1e-400 is too small for a"
                        + " double: it would be read as 0; multiply the data by a constant"),
                Arguments.of("data.csv", "1,2\n2,3\n", 2, "label 2 is not -1 or +1 (nor 0 or 1)"),
                Arguments.of("data.csv", "1,2\n0.5,3\n", 2, "label 0.5 is not -1 or +1 (nor 0 or 1)"),
                Arguments.of("data.csv", "1,2\nabc,3\n", 2, "label 'abc' is not a number"),
                Arguments.of("data.csv", "1,2\n\n-1,3\n1,4\n0,5\n", 5,
                        "label 0 mixes the 0/1 convention with the -1/+1 convention of label -1 on line 3"),
                Arguments.of("data.svm", "0 1:2\n-1 1:3\n", 2,
                        "label -1 mixes the -1/+1 convention with the 0/1 convention of label 0 on line 1"),
                Arguments.of("data.svm", "1 1:2 x\n", 1, "'x' is not an index:value pair"),
                Arguments.of("data.svm", "1 1:2\n1 0:2\n", 2, "index '0' is not a whole number from 1 to 999999999"),
                Arguments.of("data.svm", "1 qid:3 1:2\n", 1, "index 'qid' is not a whole number from 1 to 999999999"),
                Arguments.of("data.svm", "1 3:1 2:1\n", 1, "index 2 follows index 3; indices must increase along a line"),
                Arguments.of("data.svm", "1 3:1 3:1\n", 1, "index 3 follows index 3; indices must increase along a line"),
                Arguments.of("data.svm", "1 1:1\n-1 2:nan\n", 2, "x2 is nan; only finite numbers are allowed"),
                Arguments.of("data.svm", "1 1:1\n-1 2:\n", 2, "x2 is empty"),
                Arguments.of("data.svm", "1 1:1\n-1 2:1\n1 999999999:1\n", 3,
                        "index 999999999 makes 3 points of 999999999 features, too many for a dense data set"));
    }

    @ParameterizedTest
    @MethodSource("malformedFiles")
    void rejectsAMalformedLineNamingFileLineAndProblem(String name, String content, int line, String problem)
            throws IOException {
        Path file = write(name, content);

        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(file));

        assertEquals(file + " line " + line + ": " + problem, e.getMessage());
        assertEquals(file.toString(), e.file());
        assertEquals(line, e.line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n", "y,x1,x2\n# and a comment\n"})
    void rejectsACsvFileWithoutPoints(String content) throws IOException {
        assertFileProblem(write("data.csv", content), "holds no data points");
    }

    @Test
    void rejectsALibsvmFileWithoutFeatures() throws IOException {
        assertFileProblem(write("data.svm", "1\n-1\n"), "no point has a feature");
    }

    @Test
    void rejectsAMissingFile() {
        assertFileProblem(directory.resolve("absent.csv"), "no such file");
    }

    @Test
    void rejectsTextThatIsNotUtf8AtItsLine() throws IOException {
        Path file = directory.resolve("latin1.csv");
        Files.write(file, "y,x1\n1,2\n-1,3 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(file));

        assertEquals(file + " line 3: not UTF-8 text", e.getMessage());
    }

    /** A name ending .gz is written gzip-compressed, in the format the rest of the name chooses. */
    @Test
    void aGzNameIsWrittenCompressedInTheFormatOfTheRestOfTheName() throws IOException {
        Path csv = directory.resolve("data.csv.gz");
        Path libsvm = directory.resolve("data.libsvm.gz");

        DataFiles.write(csv, AWKWARD_NUMBERS);
        DataFiles.write(libsvm, AWKWARD_NUMBERS);

        assertEquals("y,x1,x2,x3,x4", gunzipped(csv).lines().findFirst().orElseThrow());
        assertTrue(gunzipped(libsvm).startsWith("+1 1:0.1 2:-2.5E-300"), gunzipped(libsvm));
    }

    /** A gzip-compressed file is read whatever its name: what decides is its first bytes. */
    @Test
    void readsAGzipCompressedFileWhateverItsName() throws IOException {
        Path file = directory.resolve("compressed-but-named.csv");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("y,x1\n1,2\n-1,3\n".getBytes(StandardCharsets.UTF_8));
        }

        DataSet read = DataFiles.read(file);

        assertEquals(2, read.size());
        assertArrayEquals(new double[] {3}, read.point(1), 0.0);
    }

    @Test
    void rejectsAGzipFileCutShort() throws IOException {
        Path whole = directory.resolve("whole.csv.gz");
        DataFiles.write(whole, AWKWARD_NUMBERS);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(directory.resolve("cut.csv.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(cut));

        assertTrue(e.getMessage().startsWith(cut + ": is not a whole gzip file ("), e.getMessage());
    }

    /** Forms that read as UTF-8 would say only "not UTF-8 text" (or give NUL characters) are named, with the cure. */
    @ParameterizedTest
    @MethodSource("foreignForms")
    void namesCompressedAndUtf16FilesAndWhatToDo(byte[] start, String problem) throws IOException {
        byte[] bytes = java.util.Arrays.copyOf(start, start.length + 40);
        Path file = Files.write(directory.resolve("data.csv"), bytes);

        assertFileProblem(file, problem);
    }

    /** Only a whole bzip2 signature is taken for one: a header whose label is named "BZh" is a header. */
    @Test
    void aHeaderThatBeginsLikeBzip2IsAHeader() throws IOException {
        DataSet read = read("bzh.csv", "BZh,x1\n1,2\n-1,3\n");

        assertEquals(2, read.size());
    }

    static Stream<Arguments> foreignForms() {
        String gzipInstead = ", or compress it with gzip, which biasflow reads";
        return Stream.of(
                Arguments.of("BZh91AY&SY".getBytes(StandardCharsets.ISO_8859_1),
                        "is bzip2-compressed: decompress it first (bunzip2 -k)" + gzipInstead),
                Arguments.of(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0},
                        "is xz-compressed: decompress it first (unxz -k)" + gzipInstead),
                Arguments.of(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd},
                        "is zstd-compressed: decompress it first (unzstd)" + gzipInstead),
                Arguments.of(new byte[] {'P', 'K', 3, 4}, "is a zip archive: extract the data file from it (unzip)"
                        + gzipInstead),
                Arguments.of("y,x1\n1,2\n".getBytes(StandardCharsets.UTF_16),
                        "is UTF-16 text: save it as UTF-8 (iconv -f UTF-16 -t UTF-8)"),
                Arguments.of("\ufeffy,x1\n1,2\n".getBytes(StandardCharsets.UTF_16LE),
                        "is UTF-16 text: save it as UTF-8 (iconv -f UTF-16 -t UTF-8)"));
    }

    private static String gunzipped(Path file) throws IOException {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void hashesTheDocumentedBytes() throws IOException, NoSuchAlgorithmException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(3);
        out.writeInt(4);
        for (int n = 0; n < 3; n++) {
            out.writeInt(AWKWARD_NUMBERS.label(n));
            for (double feature : AWKWARD_NUMBERS.point(n)) {
                out.writeDouble(feature == 0 ? 0.0 : feature);
            }
        }
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());

        assertEquals(HexFormat.of().formatHex(expected), DataFiles.hash(AWKWARD_NUMBERS));
    }

    @Test
    void hashChangesWithAnyFeatureOrLabel() {
        DataSet base = new DataSet(new double[][] {{1, 2}, {3, 4}}, new int[] {1, -1}, "base");
        DataSet otherFeature = new DataSet(new double[][] {{1, 2}, {3, Math.nextUp(4.0)}}, new int[] {1, -1}, "base");
        DataSet otherLabel = new DataSet(new double[][] {{1, 2}, {3, 4}}, new int[] {1, 1}, "base");
        DataSet transposed = new DataSet(new double[][] {{1, 2, 3, 4}}, new int[] {1}, "base");

        assertNotEquals(DataFiles.hash(base), DataFiles.hash(otherFeature));
        assertNotEquals(DataFiles.hash(base), DataFiles.hash(otherLabel));
        assertNotEquals(DataFiles.hash(base), DataFiles.hash(transposed));
        assertEquals(64, DataFiles.hash(base).length());
    }

    private void assertFileProblem(Path file, String problem) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.read(file));

        assertEquals(file + ": " + problem, e.getMessage());
        assertEquals(0, e.line());
    }

    private DataSet read(String name, String content) throws IOException {
        return DataFiles.read(write(name, content));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    private static int[] labels(DataSet data) {
        int[] labels = new int[data.size()];
        for (int n = 0; n < labels.length; n++) {
            labels[n] = data.label(n);
        }
        return labels;
    }

    /** A sweep's trajectories read one file: the same bytes under the same name give the data read before. */
    @Test
    void aFileReadAgainWithTheSameBytesGivesTheDataReadBefore() throws IOException {
        Path file = Files.writeString(directory.resolve("d.csv"), "y,x1,x2\n1,1.0,2.0\n-1,-1.0,0.5\n");
        LoadedData first = DataFiles.load(file);
        assertSame(first, DataFiles.load(file));
        Path copy = Files.copy(file, directory.resolve("copy.csv"));
        assertEquals(copy.toString(), DataFiles.load(copy).data().source(), "another name is another source");
    }

    /** Rewritten in place with the same size and modification time, a file is still read anew. */
    @Test
    void aFileRewrittenInPlaceIsReadAgainWhateverItsTimes() throws IOException {
        Path file = Files.writeString(directory.resolve("d.csv"), "y,x1,x2\n1,1.0,2.0\n-1,-1.0,0.5\n");
        FileTime written = Files.getLastModifiedTime(file);
        LoadedData first = DataFiles.load(file);
        Files.writeString(file, "y,x1,x2\n1,3.0,2.0\n-1,-1.0,0.5\n");
        Files.setLastModifiedTime(file, written);
        LoadedData second = DataFiles.load(file);
        assertNotSame(first, second);
        assertEquals(3.0, second.data().point(0)[0]);
    }

    @Test
    void aBadFileIsRefusedEachTimeItIsRead() throws IOException {
        Path file = Files.writeString(directory.resolve("bad.csv"), "y,x1\n1,x\n");
        for (int attempt = 0; attempt < 2; attempt++) {
            DataFormatException refused = assertThrows(DataFormatException.class, () -> DataFiles.load(file));
            assertTrue(refused.getMessage().contains("bad.csv line 2"), refused.getMessage());
        }
    }
}
