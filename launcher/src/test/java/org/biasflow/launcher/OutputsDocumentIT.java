package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/outputs.md against what the commands write: every column and run.json field written must be in the
 * document's tables, every column not marked text must parse as a number, and the document's Python example must
 * load a run and a sweep.
 */
class OutputsDocumentIT {
    private static final long PYTHON_TIMEOUT_SECONDS = 60;
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    @TempDir
    static Path folder;

    static TestShell shell;
    static Path data;
    static String document;

    /** Runs every command that writes files, once, on one small data set. */
    @BeforeAll
    static void writeEveryKindOfOutput() throws Exception {
        Path documentFile = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("outputs.md");
        assertTrue(Files.exists(documentFile), documentFile + " is missing");
        document = Files.readString(documentFile);
        shell = new TestShell(folder);
        data = folder.resolve("teacher.csv");
        shell.run("bf:data --kind sparse-teacher --n 8 --d 6 --sparsity 2 --seed 4 --out " + data);
        String eps = " --eps 1e-1,1e-10,1e-1000 --data " + data;
        shell.run("bf:run --out " + folder.resolve("depth2") + eps);
        shell.run("bf:run --depth 3 --alpha 0.5 --parameters none --out " + folder.resolve("depth3") + eps);
        shell.run("bf:run --integrator gradient-descent --eps 1e-1,1e-2 --out " + folder.resolve("descent")
                + " --data " + data);
        shell.dropIn("org.biasflow.example.fullyconnected");
        shell.awaitOutput("bf:services", text -> text.contains("fully-connected"));
        shell.run("bf:run --model fully-connected --options width=3 --alpha 0.5 --out " + folder.resolve("fc") + eps);
        Path own = folder.resolve("own.csv");
        Files.writeString(own, "\uFEFF" + String.join("\n", Files.readAllLines(data).stream().skip(1)
                .map(line -> line.replaceFirst("^-1,", "0,") + " # point").toList())
                + "\n# a user's own file: a byte-order mark, no header, 0/1 labels, comments\n");
        shell.run("bf:run --out " + folder.resolve("own") + " --eps 1e-1,1e-10,1e-1000 --data " + own);
        shell.run("bf:sweep --alphas 0.1,1 --depths 2,3 --eps 1e-1,1e-10 --out " + folder.resolve("sweep")
                + " --data " + data);
        shell.run("bf:report --sweep " + folder.resolve("sweep"));
        shell.run("bf:sweep --models diagonal,fully-connected --options 'width=2|3' --seeds 1,2"
                + " --shape '1|0.5,1,1,1,1,1' --negative-shape '1|2' --alphas 1 --depths 2 --eps 1e-1,1e-10 --out "
                + folder.resolve("settings") + " --data " + data);
        shell.run("bf:maxmargin --norm l1 --out " + folder.resolve("l1.csv") + " --data " + data);
        shell.run("bf:predict --mu 0.5 --out " + folder.resolve("qmu.csv") + " --data " + data);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    static final List<String> RUNS = List.of("depth2", "depth3", "descent", "fc", "own");
    /** A sweep over α and D, and one over models, an option, seeds and shapes. */
    static final List<String> SWEEPS = List.of("sweep", "settings");

    @Test
    void everyColumnARunWritesIsDocumentedAndEveryNumericOneIsANumber() throws IOException {
        for (String run : RUNS) {
            Path runFolder = folder.resolve(run);
            checkTable(runFolder.resolve("checkpoints.csv"), "### checkpoints.csv");
            checkTable(runFolder.resolve("points.csv"), "### points.csv");
            if (Files.exists(runFolder.resolve("parameters.csv"))) {
                checkTable(runFolder.resolve("parameters.csv"), "### parameters.csv");
            }
        }
        assertTrue(Files.exists(folder.resolve("depth2").resolve("parameters.csv")), "written by default");
        assertTrue(Files.notExists(folder.resolve("depth3").resolve("parameters.csv")), "--parameters none");
    }

    @Test
    void everyFileOfARunOrSweepFolderIsDocumented() throws IOException {
        Set<String> runFiles = documentedNames("## A run folder");
        List<Path> runFolders = new ArrayList<>(RUNS.stream().map(folder::resolve).toList());
        Set<String> sweepFiles = documentedNames("## A sweep folder");
        for (String sweepFolder : SWEEPS) {
            try (Stream<Path> sweep = Files.list(folder.resolve(sweepFolder))) {
                for (Path entry : sweep.toList()) {
                    String name = entry.getFileName() + (Files.isDirectory(entry) ? "/" : "");
                    assertTrue(sweepFiles.contains(name), "a sweep writes " + name
                            + ", which docs/outputs.md does not describe under '## A sweep folder'");
                }
            }
            try (Stream<Path> runs = Files.list(folder.resolve(sweepFolder).resolve("runs"))) {
                runFolders.addAll(runs.toList());
            }
        }
        for (Path run : runFolders) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path file : files.toList()) {
                    assertTrue(runFiles.contains(file.getFileName().toString()), run + " holds " + file.getFileName()
                            + ", which docs/outputs.md does not describe under '## A run folder'");
                }
            }
        }
    }

    @Test
    void everyRunJsonFieldIsDocumented() throws IOException {
        Set<String> documented = documentedNames("### run.json");
        for (String run : RUNS) {
            Path record = folder.resolve(run).resolve("run.json");
            for (String field : JsonPaths.of(Files.readString(record))) {
                assertTrue(documented.contains(field) || documented.stream().anyMatch(name -> name.endsWith(".*")
                        && (field + ".").startsWith(name.substring(0, name.length() - 1))),
                        record + " has the field " + field + ", which docs/outputs.md does not describe");
            }
        }
    }

    @Test
    void theSweepTableIsItsOwnColumnsFollowedByACheckpointTable() throws IOException {
        Path sweep = folder.resolve("sweep").resolve("sweep.csv");
        List<String> header = checkTable(sweep, "### sweep.csv", "### checkpoints.csv");
        assertEquals(List.of("alpha", "depth", "status", "run"), header.subList(0, 4));
        String checkpoints = Files.readAllLines(folder.resolve("sweep").resolve("runs").resolve("alpha=0.1_depth=3")
                .resolve("checkpoints.csv")).get(0);
        assertEquals(checkpoints, String.join(",", header.subList(4, header.size())));
        assertEquals(1 + 4 * 2, Files.readAllLines(sweep).size());
    }

    @Test
    void aSweepOverMoreSettingsHasADocumentedColumnForEach() throws IOException {
        Path sweep = folder.resolve("settings").resolve("sweep.csv");
        List<String> header = checkTable(sweep, "### sweep.csv", "### checkpoints.csv");
        assertEquals(List.of("alpha", "depth", "model", "seed", "shape", "negative_shape", "option.width", "status",
                "run"), header.subList(0, 9));
        // diagonal: 2 seeds x 2 shapes x 2 negative shapes; fully-connected: the same x 2 widths
        assertEquals(1 + (8 + 16) * 2, Files.readAllLines(sweep).size());
        String row = Files.readAllLines(sweep).get(Files.readAllLines(sweep).size() - 1);
        assertTrue(row.startsWith("1.0,2,fully-connected,2,0.5 1.0 1.0 1.0 1.0 1.0,2.0,3,completed,"
                + "runs/alpha=1.0_depth=2_model=fully-connected_seed=2_shape=#2_negative_shape=2.0_width=3,"), row);
        assertTrue(Files.readString(folder.resolve("settings").resolve("runs")
                .resolve("alpha=1.0_depth=2_model=diagonal_seed=1_shape=1.0_negative_shape=1.0").resolve("run.json"))
                .contains("\"model_options\": {}"), "diagonal reads no width");
    }

    @Test
    void dataTeacherAndPredictorFilesAreDocumented() throws IOException {
        checkTable(data, "### The data");
        checkTable(folder.resolve("teacher.teacher.csv"), "### The teacher");
        for (String predictor : List.of("l1.csv", "qmu.csv")) {
            List<String> lines = Files.readAllLines(folder.resolve(predictor));
            assertTrue(lines.get(0).startsWith("#") && lines.get(1).startsWith("#"), predictor + ": " + lines);
            Path body = folder.resolve(predictor + ".body");
            Files.write(body, lines.subList(2, lines.size()));
            checkTable(body, "## Predictors");
        }
    }

    @Test
    void thePythonExampleLoadsARunAndASweep() throws Exception {
        Assumptions.assumeTrue(pythonWithNumpy(), "skipped: python3 with numpy is not available to run the example"
                + " at the end of docs/outputs.md");
        Matcher block = Pattern.compile("```python\n(.*?)```", Pattern.DOTALL).matcher(document);
        String example = null;
        while (block.find()) {
            example = block.group(1);
        }
        assertTrue(example != null, "docs/outputs.md has no python example");
        Path script = folder.resolve("load.py");
        Files.writeString(script, example);

        for (String run : List.of("depth2", "depth3", "fc", "own")) {
            Process python = new ProcessBuilder("python3", script.toString(), folder.resolve(run).toString(),
                    folder.resolve("sweep").toString()).redirectErrorStream(true).start();
            String output = finish(python);
            assertEquals(0, python.exitValue(), run + ":\n" + output);
            assertTrue(output.contains("completed - 3 checkpoints down to log10 L ="), output);
            assertTrue(output.contains("support points at the last checkpoint:"), output);
            assertTrue(output.contains("alpha 1, depth 3: l1 distance"), output);
            assertEquals(!run.equals("depth3"), output.contains("parameters: P ="), output);
        }
        Process python = new ProcessBuilder("python3", script.toString(), folder.resolve("fc").toString(),
                folder.resolve("settings").toString()).redirectErrorStream(true).start();
        String output = finish(python);
        assertEquals(0, python.exitValue(), output);
        assertTrue(output.contains("alpha 1, depth 2, model fully-connected, seed 2.0, shape 0.5 1.0 1.0 1.0 1.0 1.0,"
                + " negative_shape 2.0, option.width 3: l1 distance"), output);
    }

    private static boolean pythonWithNumpy() {
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            finish(probe);
            return probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String finish(Process process) throws IOException, InterruptedException {
        boolean finished = process.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
            fail("python3 did not finish within " + PYTHON_TIMEOUT_SECONDS + " s");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Checks every column of a CSV file against the tables under the headings, and that every cell of a column those
     * tables do not mark as text parses as a number. Returns the header.
     */
    private static List<String> checkTable(Path csv, String... headings) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        Set<String> documented = new TreeSet<>();
        Set<String> text = new TreeSet<>();
        for (String heading : headings) {
            documentedNames(heading).forEach(name -> documented.add(family(name)));
            text.addAll(textNames(heading));
        }
        for (String column : header) {
            assertTrue(documented.contains(family(column)), csv + " has the column '" + column
                    + "', which docs/outputs.md does not describe under " + String.join(" or ", headings));
        }
        for (int line = 1; line < lines.size(); line++) {
            String[] cells = lines.get(line).split(",", -1);
            assertEquals(header.size(), cells.length, csv + " line " + (line + 1));
            for (int c = 0; c < cells.length; c++) {
                if (!text.contains(family(header.get(c)))) {
                    try {
                        Double.parseDouble(cells[c]);
                    } catch (NumberFormatException e) {
                        fail(csv + " line " + (line + 1) + " column " + header.get(c) + ": '" + cells[c]
                                + "' is not a number");
                    }
                }
            }
        }
        return header;
    }

    /** beta_12 and x12 stand for their families beta_i and xi, as the document writes them. */
    private static String family(String name) {
        if (name.startsWith("option.")) {
            return "option.KEY";
        }
        return name.replaceAll("\\d+$", "i");
    }

    /** The names in the first cell of each row of the first table under the heading. */
    private static Set<String> documentedNames(String heading) {
        Set<String> names = new LinkedHashSet<>();
        for (String[] row : tableRows(heading)) {
            Matcher name = NAME.matcher(row[0]);
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    /** The names of the rows whose definition says the column is text. */
    private static Set<String> textNames(String heading) {
        Set<String> names = new TreeSet<>();
        for (String[] row : tableRows(heading)) {
            Matcher name = NAME.matcher(row[0]);
            if (row.length > 1 && row[1].contains("*text*") && name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    private static List<String[]> tableRows(String heading) {
        int start = document.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "docs/outputs.md has no heading '" + heading + "'");
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : document.substring(start + heading.length() + 2).split("\n")) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("|")) {
                if (inTable && !line.startsWith("|---")) {
                    rows.add(line.substring(1).split("(?<!\\\\)\\|"));
                }
                inTable = true;
            } else if (inTable) {
                break;
            }
        }
        assertTrue(!rows.isEmpty(), "docs/outputs.md has no table under '" + heading + "'");
        return rows;
    }

    /**
     * The field paths of a JSON document: {@code a.b} for fields of objects, {@code a[].b} for fields of objects
     * in lists; a list of values, a value and an empty object are leaves.
     */
    static final class JsonPaths {
        private final String text;
        private final Set<String> paths = new TreeSet<>();
        private int at;

        private JsonPaths(String text) {
            this.text = text;
        }

        static Set<String> of(String json) {
            JsonPaths parser = new JsonPaths(json);
            parser.value("");
            return parser.paths;
        }

        private void value(String path) {
            char first = next();
            if (first == '{') {
                at++;
                if (next() == '}') {
                    at++;
                    paths.add(path);
                    return;
                }
                do {
                    next();
                    String key = string();
                    next();
                    at++; // ':'
                    value(path.isEmpty() ? key : path + "." + key);
                } while (separator());
            } else if (first == '[') {
                at++;
                if (next() == ']') {
                    at++;
                    paths.add(path);
                    return;
                }
                do {
                    value(next() == '{' ? path + "[]" : path);
                } while (separator());
            } else if (first == '"') {
                string();
                paths.add(path);
            } else {
                while (",}] \n".indexOf(text.charAt(at)) < 0) {
                    at++;
                }
                paths.add(path);
            }
        }

        /** Consumes the ',' between two entries (true) or the bracket that closes them (false). */
        private boolean separator() {
            char separator = next();
            at++;
            return separator == ',';
        }

        /** Skips white space and returns the character there. */
        private char next() {
            while (Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return text.charAt(at);
        }

        private String string() {
            StringBuilder value = new StringBuilder();
            at++; // opening quote
            while (text.charAt(at) != '"') {
                if (text.charAt(at) == '\\') {
                    at++;
                }
                value.append(text.charAt(at++));
            }
            at++;
            return value.toString();
        }
    }
}
