package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Set;

import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;

/** A command line Gogo cannot fit is told which of its options the command does not declare. */
class CommandOptionsTest {

    /** Shaped as biasflow's commands are: Gogo's {@code @Parameter} on the arguments of a public method. */
    public static final class SweepCommand {
        public String sweep(@Parameter(names = "--alphas", absentValue = "1") String alphas,
                @Parameter(names = {"--out", "-o"}, absentValue = "") String out,
                @Parameter(names = "--resume", presentValue = "true", absentValue = "false") boolean resume) {
            return "";
        }

        public String other(@Parameter(names = "--elsewhere", absentValue = "") String elsewhere) {
            return "";
        }
    }

    @Test
    void theOptionsAreThoseOfTheMethodsOfTheCommandsNameAndFlagsTakeNoValue() {
        assertEquals(Map.of("--alphas", true, "--out", true, "-o", true, "--resume", false),
                CommandOptions.declared(SweepCommand.class, "sweep"));
    }

    @Test
    void anUnknownOptionIsNamedWithTheNearestKnownOne() {
        Map<String, Boolean> options = CommandOptions.declared(SweepCommand.class, "sweep");

        assertEquals("--alpha is not an option of bf:sweep (did you mean --alphas?)",
                CommandOptions.misfits("bf:sweep --alpha 1 --out s", "bf:sweep", options));
        assertEquals("--depth is not an option of bf:sweep; --resum is not an option of bf:sweep (did you mean"
                + " --resume?)", CommandOptions.misfits("bf:sweep --depth 2 --resum", "bf:sweep", options));
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        Map<String, Boolean> options = CommandOptions.declared(SweepCommand.class, "sweep");

        assertEquals("--out lacks its value", CommandOptions.misfits("bf:sweep --alphas 1 --out", "bf:sweep", options));
        assertEquals("--alphas lacks its value", CommandOptions.misfits("bf:sweep --alphas --resume", "bf:sweep",
                options));
    }

    @Test
    void aMistypedCommandIsAnsweredWithTheNearestOne() {
        Set<String> commands = Set.of("bf:sweep", "bf:run", "bf:sweep-merge");

        assertEquals("bf:sweep", CommandOptions.nearest("bf:swep", commands));
        assertNull(CommandOptions.nearest("ls", commands));
    }

    @Test
    void knownOptionsAndUnknownCommandsAreLeftToTheGeneralMessage() {
        Map<String, Boolean> options = CommandOptions.declared(SweepCommand.class, "sweep");

        assertNull(CommandOptions.misfits("bf:sweep --alphas x --resume --out s", "bf:sweep", options));
        assertNull(CommandOptions.misfits("nosuch --x 1", "nosuch", Map.of()));
        assertEquals(1, CommandOptions.distance("--alpha", "--alphas"));
        assertEquals(3, CommandOptions.distance("kitten", "sitting"));
    }
}
