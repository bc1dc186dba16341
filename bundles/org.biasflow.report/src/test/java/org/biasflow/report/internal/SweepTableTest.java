package org.biasflow.report.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep.csv damaged or edited by hand is read where it can be, and refused by file, line and field where not. */
class SweepTableTest {

    @TempDir
    Path folder;

    private static final String HEADER = "alpha,depth,status,run,target,log10_loss,l1_distance\n";
    private static final String FIRST = "0.1,2,completed,runs/alpha=0.1_depth=2,1e-1,-1.0,0.9\n";
    private static final String SECOND = "0.1,2,completed,runs/alpha=0.1_depth=2,1e-2,-2.0,0.5\n";

    private String refusal(String text) throws IOException {
        Files.writeString(folder.resolve("sweep.csv"), text);
        return assertThrows(IllegalArgumentException.class, () -> SweepTable.ofSweepFolder(folder, "test"))
                .getMessage();
    }

    @Test
    void blankLinesArePassedOver() throws IOException {
        Files.writeString(folder.resolve("sweep.csv"), HEADER + FIRST + "\n" + SECOND + "\n\n");

        assertEquals(2, SweepTable.ofSweepFolder(folder, "test").rows().size());
    }

    @Test
    void aRowWithTooFewOrTooManyFieldsIsRefusedByLine() throws IOException {
        Path file = folder.resolve("sweep.csv");

        assertEquals(file + " line 3: expected 7 fields, one per column of the header, found 3",
                refusal(HEADER + FIRST + "0.01,2,compl\n" + SECOND));
        assertEquals(file + " line 2: expected 7 fields, one per column of the header, found 8",
                refusal(HEADER + FIRST.strip() + ",0.3\n"));
    }

    @Test
    void aLastRowCutShortSaysSoAndHowToWriteTheFileAgain() throws IOException {
        Files.writeString(folder.resolve("sweep.json"), "{}");

        String message = refusal(HEADER + FIRST + SECOND.substring(0, SECOND.length() - 4));

        assertTrue(message.startsWith(folder.resolve("sweep.csv") + " line 3: the file ends in the middle of this row"
                + " (no line end after its 7 of 7 fields): it was cut short; bf:sweep-merge --out " + folder
                + " writes it again"), message);
    }

    @Test
    void aHeaderCutShortSaysSo() throws IOException {
        Files.writeString(folder.resolve("sweep.json"), "{}");

        String message = refusal(HEADER.substring(0, HEADER.length() - 3));

        assertTrue(message.startsWith(folder.resolve("sweep.csv") + " line 1: the file ends in the middle of its header"
                + " (no line end after its 7 columns): it was cut short; bf:sweep-merge --out " + folder
                + " writes it again"), message);
    }

    @Test
    void aFieldThatIsNotANumberIsRefusedByName() throws IOException {
        assertEquals(folder.resolve("sweep.csv") + " line 2: the field 'l1_distance' is 'abc', not a number (NaN,"
                + " Infinity and -Infinity stand for values that are not finite)",
                refusal(HEADER + FIRST.replace("0.9", "abc")));
    }

    @Test
    void anAlphaOrDepthNoTrajectoryCanHaveIsRefused() throws IOException {
        assertTrue(refusal(HEADER + FIRST + SECOND.replace("0.1,2", "-0.1,2")).startsWith(folder.resolve("sweep.csv")
                + " line 3: alpha -0.1 is not a scale"));
        assertTrue(refusal(HEADER + FIRST.replace("0.1,2", "0.1,2.5")).contains("line 2: depth 2.5 is not a depth"));
        assertTrue(refusal(HEADER + FIRST.replace("-1.0", "NaN")).contains("line 2: log10_loss NaN is not the log10"));
    }

    @Test
    void theTargetIsTextNotANumberThatUnderflows() throws IOException {
        Files.writeString(folder.resolve("sweep.csv"), HEADER + FIRST.replace("1e-1,-1.0", "1e-1000,-1000.0"));
        SweepTable table = SweepTable.ofSweepFolder(folder, "test");

        assertTrue(table.isText("target") && table.isText("status") && table.isText("run"));
        assertTrue(!table.isText("l1_distance") && !table.isText("no_such_column"));
    }
}
