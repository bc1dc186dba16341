package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptStatementsTest {

    @Test
    void eachLineIsAStatementAndCommentsAreDropped() {
        assertEquals(List.of("bf:services", "bf:defaults"),
                ScriptStatements.of("# list\nbf:services\n\n// then\nbf:defaults\n"));
    }

    @Test
    void bracketsQuotesAndBackslashesContinueAStatement() {
        String closure = "each [1 2] {\n  echo $it\n}";
        String quoted = "echo \"a\nb\"";

        assertEquals(List.of(closure, quoted, "bf:run --data d.csv \n  --alpha 2"),
                ScriptStatements.of(closure + "\n" + quoted + "\nbf:run --data d.csv \\\n  --alpha 2\n"));
    }
}
