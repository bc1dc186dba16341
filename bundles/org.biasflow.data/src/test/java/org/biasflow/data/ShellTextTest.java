package org.biasflow.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Commands that messages suggest must come back as the same arguments when pasted into the shell. */
class ShellTextTest {

    @Test
    void plainPathsStayAsTheyAre() {
        assertEquals("runs/alpha=0.1_depth=2", ShellText.argument("runs/alpha=0.1_depth=2"));
        assertEquals("/tmp/rün.1/x~y,z", ShellText.argument(Path.of("/tmp/rün.1/x~y,z")));
    }

    @Test
    void pathsTheShellWouldSplitOrExpandAreQuoted() {
        assertEquals("'my runs/α 1'", ShellText.argument(Path.of("my runs/α 1")));
        assertEquals("'cost$HOME'", ShellText.argument("cost$HOME"));
        assertEquals("'a;b|c'", ShellText.argument("a;b|c"));
        assertEquals("''", ShellText.argument(""));
    }

    @Test
    void aSingleQuoteGoesInDoubleQuotesWithTheShellsSpecialCharactersEscaped() {
        assertEquals("\"it's \\$HOME \\\"x\\\" \\\\\"", ShellText.argument("it's $HOME \"x\" \\"));
    }
}
